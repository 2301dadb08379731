namespace SphereFlow.Validation.Suite;

/// <summary>
/// One validation case of <c>sphereflow validate</c>: runs its simulations into <see cref="ValidationContext.Dir"/>
/// (CSV of every number plotted, PNG plots) and returns its report section. Register it in <see cref="ValidationCases"/>.
/// </summary>
public interface IValidationCase
{
    /// <summary>Registry name (lower-case, the output sub-folder).</summary>
    string Name { get; }

    /// <summary>One-line description.</summary>
    string Title { get; }

    /// <summary>Runs the case.</summary>
    ValidationSection Run(ValidationContext context);
}

using SphereFlow.Registries;

namespace SphereFlow.Validation.Suite;

/// <summary>
/// One validation case of <c>sphereflow validate</c>: runs its simulations into <see cref="ValidationContext.Dir"/>
/// (CSV of every number plotted, PNG plots) and returns its report section. Register it in <see cref="ValidationCases"/>.
/// </summary>
public interface IValidationCase : IRegistration
{
    // Name (IRegistration): the registry name, lower-case, the output sub-folder.

    /// <summary>One-line description.</summary>
    string Title { get; }

    /// <summary>The registry's description: the title.</summary>
    string IRegistration.Description => Title;

    /// <summary>Runs the case.</summary>
    ValidationSection Run(ValidationContext context);
}

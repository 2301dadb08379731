namespace SphereFlow.Validation.Suite;

/// <summary>Registry of the validation cases, in report order; a new case is one file plus one line here.</summary>
public static class ValidationCases
{
    private static readonly IValidationCase[] All =
    [
        new Figure2Validation(),
        new GlobalConvergenceValidation(),
        new BirthDeathAccelerationValidation(),
        new MeshParticleValidation(),
        new Figure3Validation(),
    ];

    /// <summary>Registered names, in report order.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(c => c.Name)];

    /// <summary>The cases, in report order.</summary>
    public static IReadOnlyList<IValidationCase> Cases => All;
}

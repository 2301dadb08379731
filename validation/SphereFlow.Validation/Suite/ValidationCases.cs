using SphereFlow.Registries;

namespace SphereFlow.Validation.Suite;

/// <summary>Registry of the validation cases, in report order; a new case is one file plus one line here.</summary>
public static class ValidationCases
{
    /// <summary>The cases, in report order.</summary>
    public static Registry<IValidationCase> All { get; } = new("validation case",
    [
        new Figure2Validation(),
        new GlobalConvergenceValidation(),
        new BirthDeathAccelerationValidation(),
        new MeshParticleValidation(),
        new Figure3Validation(),
    ]);

    /// <summary>Registered names, in report order.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>The cases, in report order.</summary>
    public static IReadOnlyList<IValidationCase> Cases => All;
}

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
        new MeshParticleValidation("mesh-vs-particles-s1", "Eulerian vs Lagrangian at t > 0: S^1 deconvolution, WFR and birth–death", "deconv-s1-mesh.yaml",
            new(["solver.mesh.cells=2048", "solver.order=2", "solver.stepper=ssprk3", "solver.t_end=5"], [0, 1, 5], [100, 300, 1000, 3000], 5),
            new(["solver.mesh.cells=256", "solver.order=2", "solver.stepper=ssprk3", "solver.t_end=1"], [0, 0.5, 1], [50, 200, 800], 2)),
        new MeshParticleValidation("mesh-vs-particles-s2", "Eulerian vs Lagrangian at t > 0: figure-2 problem on S^2, WFR and birth–death", "teacher2d-mesh.yaml",
            new(["solver.mesh.level=6", "solver.order=2", "solver.stepper=ssprk3", "solver.t_end=10"], [0, 5, 10], [100, 300, 1000, 3000], 3),
            new(["solver.mesh.level=3", "solver.order=2", "solver.stepper=ssprk3", "solver.t_end=1"], [0, 0.5, 1], [50, 200, 800], 2)),
        new Figure3Validation(),
    ]);

    /// <summary>Registered names, in report order.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>The cases, in report order.</summary>
    public static IReadOnlyList<IValidationCase> Cases => All;
}

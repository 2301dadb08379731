using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Meshes;
using SphereFlow.Problems;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// The finite-volume solver (<c>solver: {kind: mesh, mesh, stepper, init, cfl, order, limiter}</c>): cell masses on a
/// mesh of S^d advanced by a registered stepper (<see cref="MeshSteppers"/>).
/// </summary>
public sealed record MeshSolverSpec : SolverSpec
{
    /// <summary>The mesh.</summary>
    public required MeshSpec Mesh { get; init; }
    /// <summary>The initial cell masses.</summary>
    public required MeshDensitySpec Init { get; init; }
    /// <summary>Stepper name (<see cref="MeshSteppers"/>).</summary>
    public string Stepper { get; init; } = MeshSteppers.Default;
    /// <summary>Safety factor on the positivity (CFL) bound, in (0, 1].</summary>
    public double Cfl { get; init; } = 0.9;
    /// <summary>1: first-order upwind; 2: limited MUSCL reconstruction.</summary>
    public int Order { get; init; } = 1;
    /// <summary>Slope limiter of order 2 (null: van Leer); must be null or none for order 1.</summary>
    public SlopeLimiter? Limiter { get; init; }

    /// <inheritdoc/>
    public override string Kind => "mesh";

    /// <inheritdoc/>
    public override double? Atoms(int ambientDim) => Resources.MemoryModel.Cells(Mesh, ambientDim - 1);

    /// <inheritdoc/>
    public override IEnumerable<Resources.MemoryTerm> Memory(Resources.MemoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Resources.MemoryModel.Cells(Mesh, context.AmbientDim - 1) is not { } cells) yield break;
        string key = Mesh.ByCells ? "solver.mesh.cells" : "solver.mesh.level";
        yield return new($"mesh: {Mesh.Kind}, {cells:G4} cells of S^{context.AmbientDim - 1}", key, Resources.MemoryModel.Mesh(cells, context.AmbientDim));
    }

    /// <summary>The limiter used: none for order 1, <see cref="Limiter"/> (default van Leer) for order 2.</summary>
    public SlopeLimiter ResolvedLimiter => Order == 2 ? Limiter ?? SlopeLimiter.VanLeer : SlopeLimiter.None;

    /// <inheritdoc/>
    public override ISolver Build(Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (Order is not (1 or 2)) throw new SpecException("order", $"must be 1 or 2 (got {Order})");
        if (Order == 1 && Limiter is { } l && l != SlopeLimiter.None) throw new SpecException("limiter", "only used with order: 2");
        var mesh = SpecException.Within("mesh", () => Mesh.Build(problem.AmbientDim - 1));
        var masses = SpecException.Within("init", () => Init.Build(mesh));
        var stepper = SpecException.Within("stepper", () => MeshSteppers.Create(Stepper));
        return new MeshSolver(problem.Functional, flow, mesh, masses, stepper, new MeshSolverOptions { CflSafety = Cfl, Limiter = ResolvedLimiter });
    }
}

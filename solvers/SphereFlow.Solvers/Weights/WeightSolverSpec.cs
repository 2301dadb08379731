using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Problems;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// The w-flow of the network weights (<c>solver: {kind: weights, m, init, stepper, tolerance}</c>); initial weights from the
/// initial measure, w_j = √(m M_j) η_j. Only for the lifted flow (wfr with α = 4β).
/// </summary>
public sealed record WeightSolverSpec : AtomSolverSpec
{
    /// <summary>Integrator of the w-flow (<see cref="WeightSteppers"/>).</summary>
    public string Stepper { get; init; } = "rk4";
    /// <summary>Local error tolerance of the adaptive stepper.</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <inheritdoc/>
    public override string Kind => "weights";

    /// <inheritdoc/>
    public override IEnumerable<Resources.MemoryTerm> Memory(Resources.MemoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long m = Resources.MemoryModel.Atoms(Init, M);
        int stages = Resources.MemoryModel.Stages(Stepper);
        yield return new($"weights: m = {m} neurons in R^{context.AmbientDim}, {Stepper} ({stages} stages)", "solver.m",
                         Resources.MemoryModel.Particles(m, context.AmbientDim, stages) + Resources.MemoryModel.ReluProductCache(m, context.DataPoints, context.Features, context.InputDim));
        if (Resources.MemoryModel.InitMesh(Init, context.AmbientDim) is { } mesh) yield return mesh;
    }

    /// <inheritdoc/>
    public override ISolver Build(Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var initial = Init.BuildFor(M, problem.AmbientDim);
        SpecException.Within("stepper", () => WeightSteppers.Create(Stepper, Tolerance));
        return new WeightSolver(problem.Functional, flow, initial, Stepper, Tolerance);
    }
}

using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Problems;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// Online SGD on the network weights (<c>solver: {kind: sgd, m, init, batch, seed, input_step_scale}</c>; <c>dt</c> is
/// the learning rate γ). Needs teacher data (fresh batches are drawn from the teacher).
/// </summary>
public sealed record SgdSolverSpec : AtomSolverSpec
{
    /// <summary>Mini-batch size B.</summary>
    public int Batch { get; init; } = 100;
    /// <summary>Seed of the batch stream.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Factor on the step of the input weights (1: the mean-field gradient step).</summary>
    public double InputStepScale { get; init; } = 1;

    /// <inheritdoc/>
    public override string Kind => "sgd";

    /// <inheritdoc/>
    public override IEnumerable<Resources.MemoryTerm> Memory(Resources.MemoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long m = Resources.MemoryModel.Atoms(Init, M);
        yield return new($"SGD: m = {m} neurons in R^{context.AmbientDim}", "solver.m", Resources.MemoryModel.Particles(m, context.AmbientDim, 1));
        // Two batches (the next one is drawn ahead) of inputs, targets and weights, and the kernels' copies of one.
        yield return new($"SGD batches: B = {Batch} points of k = {context.InputDim}", "solver.batch", 2 * Resources.MemoryModel.Data(Batch, context.InputDim));
        if (Resources.MemoryModel.InitMesh(Init, context.AmbientDim) is { } mesh) yield return mesh;
    }

    /// <inheritdoc/>
    public override ISolver Build(Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var teacher = problem.Teacher ?? throw new SpecException("kind", "sgd draws fresh samples from a teacher: problem.data.kind must be teacher");
        var initial = Init.BuildFor(M, problem.AmbientDim);
        return new SgdSolver(problem.Functional, flow, initial, teacher, problem.Features, problem.Loss, problem.Lambda, Batch, Seed, InputStepScale);
    }
}

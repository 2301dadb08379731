using SphereFlow.Flows;
using SphereFlow.Problems;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// The w-flow of the network weights (<c>solver: {kind: weights, m, init, stepper}</c>); initial weights from the
/// initial measure, w_j = √(m M_j) η_j. Only for the lifted flow (wfr with α = 4β).
/// </summary>
public sealed record WeightSolverSpec : SolverSpec
{
    /// <summary>Neuron count m (null only with a CSV initial measure).</summary>
    public int? M { get; init; }
    /// <summary>The initial measure.</summary>
    public required ParticleInitSpec Init { get; init; }
    /// <summary>Integrator of the w-flow (<see cref="WeightSolver.Steppers"/>).</summary>
    public string Stepper { get; init; } = "rk4";

    /// <inheritdoc/>
    public override string Kind => "weights";

    /// <inheritdoc/>
    public override ISolver Build(Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var initial = ParticleSolverSpec.BuildInitial(Init, M, problem.AmbientDim);
        return new WeightSolver(problem.Functional, flow, initial, Stepper);
    }
}

using SphereFlow.Flows;
using SphereFlow.Problems;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>A built case (<see cref="CaseSpec.Build"/>): its specification, the problem, the solver at its initial state and the run options.</summary>
/// <param name="Spec">What the case is (written back as case.resolved.yaml by the case layer).</param>
/// <param name="Problem">The problem.</param>
/// <param name="Solver">The solver.</param>
/// <param name="Options">Run options.</param>
public sealed record SimulationCase(CaseSpec Spec, Problem Problem, ISolver Solver, SimulationOptions Options)
{
    /// <summary>The flow.</summary>
    public FlowSpec Flow => Spec.Flow;
}

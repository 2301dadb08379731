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

    /// <summary>
    /// The standard run of this case: a <see cref="Simulation"/> to <c>t_end</c> with step cap <c>dt</c>, a state divergence
    /// check and a step-size collapse check every step, on the recording schedule (every <paramref name="outputEvery"/> steps,
    /// default <c>output.every</c>, and the last) the energy divergence check and the series recorder, and the case's stop
    /// criteria (<see cref="CaseSpec.Stop"/>: F and min J on the recording schedule, wall time every step).
    /// </summary>
    public CaseSimulation CreateSimulation(int? outputEvery = null)
    {
        var sim = new Simulation(Solver, Options.Dt, Options.TEnd);
        var diagnostics = new RunDiagnostics(Solver, Options.Lambda, Options.Probes, Options.MinJ);
        var recording = new AnyOf(new IterationInterval(outputEvery ?? Options.OutputEvery), AtEnd.Instance);
        sim.Add(new StateDivergenceCheck(), IterationInterval.EveryStep);
        sim.Add(new StepSizeCollapseCheck(), IterationInterval.EveryStep);
        sim.Add(new EnergyDivergenceCheck(diagnostics, Options.BlowupFactor), recording);
        var recorder = sim.Add(new SeriesRecorder(diagnostics), recording);
        if (Spec.Stop.EnergyBelow is not null || Spec.Stop.MinJAbove is not null) sim.Add(new DiagnosticStopCriteria(diagnostics, Spec.Stop), recording);
        if (Spec.Stop.WallTime is { } wall) sim.Add(new WallTimeStop(wall), IterationInterval.EveryStep);
        return new CaseSimulation(sim, diagnostics, recorder, recording);
    }
}

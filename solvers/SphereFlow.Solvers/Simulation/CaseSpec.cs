using SphereFlow.Flows;
using SphereFlow.Problems;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// A whole case as immutable data: problem, flow, solver and output. The case layer (<c>SphereFlow.Cases</c>) reads and
/// writes it as YAML; studies derive runs with <c>spec with { … }</c>; <see cref="Build"/> makes the runnable case.
/// </summary>
/// <param name="Problem">The problem.</param>
/// <param name="Flow">The flow.</param>
/// <param name="Solver">The solver, its Δt and final time.</param>
/// <param name="Output">Recording.</param>
public sealed record CaseSpec(ProblemSpec Problem, FlowSpec Flow, SolverSpec Solver, OutputSpec Output)
{
    /// <summary>Which seeds a parameter sweep of this case varies per repetition and per run (null: none; <c>sweep:</c> in a case file; <see cref="SweepSpec"/>).</summary>
    public SweepSpec? Sweep { get; init; }

    /// <summary>Stop criteria (the <c>stop:</c> section; none by default).</summary>
    public StopSpec Stop { get; init; } = new();

    /// <summary>Seed of the stratified probe points.</summary>
    public const int ProbeSeed = 12345;

    /// <summary>
    /// Builds the case: the problem (or <paramref name="problem"/>, already built from <see cref="Problem"/>, reused), the
    /// solver at its initial state and the run options.
    /// </summary>
    public SimulationCase Build(Problems.Problem? problem = null)
    {
        var p = problem ?? Problem.Build();
        var solver = Solver.Build(p, Flow);
        int probes = Output.ResolvedProbes(p.AmbientDim);
        var probePoints = probes > 0 ? ParticleInitialMeasures.Stratified(p.AmbientDim, probes, 1.0, ProbeSeed).Points : [];
        var options = new SimulationOptions
        {
            TEnd = Solver.TEnd, Dt = Solver.Dt, OutputEvery = Output.Every, BlowupFactor = Output.BlowupFactor, Lambda = p.Lambda, Probes = probePoints,
            MinJ = new Certificates.MinJOptions { Bound = Output.BoundCells > 0, MaxCells = Output.BoundCells, RelativeTolerance = Output.BoundTolerance },
        };
        return new SimulationCase(this, p, solver, options);
    }
}

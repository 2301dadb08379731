using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Output;

/// <summary>Outcome of a case run.</summary>
/// <param name="Simulation">The run (series, F(ν₀), wall time, solver state).</param>
/// <param name="Diverged">The divergence, if the run diverged (the last good checkpoint and series are kept).</param>
/// <param name="Rises">Energy rises between recorded rows (null when the solver's energy is not monotone by design).</param>
public sealed record CaseRunResult(CaseSimulation Simulation, DivergenceException? Diverged, EnergyRises? Rises);

/// <summary>
/// Runs a <see cref="SimulationCase"/> into an output folder, resuming from a checkpoint when asked: the standard run
/// (<see cref="SimulationCase.CreateSimulation"/>) with, on its recording schedule, progress, <c>series.csv</c> and
/// <c>checkpoint.bin</c>, and at the end <c>final.csv</c>; <c>case.resolved.yaml</c> (the case text the case layer
/// wrote from <see cref="SimulationCase.Spec"/>) first and <c>summary.json</c> last, also after a divergence.
/// </summary>
public static class CaseRunner
{
    /// <summary>
    /// Runs the case. <paramref name="progress"/> receives one line per series row; <paramref name="caseText"/>, when given,
    /// is written as case.resolved.yaml (a case file that runs again).
    /// </summary>
    public static CaseRunResult Run(SimulationCase c, string outDir, string? resumeDir = null, Action<string>? progress = null, string? caseText = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        var run = c.CreateSimulation();
        if (resumeDir is not null)
        {
            CheckpointFile.Read(resumeDir, c.Solver);
            run.Restore(SeriesFile.Read(resumeDir));
        }
        if (caseText is not null) AtomicFile.WriteAllText(Path.Combine(dir, "case.resolved.yaml"), caseText);
        var sim = run.Simulation;
        if (progress is not null) sim.Add(new ProgressReporter(run.Recorder, progress), run.Recording);
        sim.Add(new SeriesWriter(run.Recorder, Path.Combine(dir, SeriesFile.Name)), run.Recording);
        sim.Add(new CheckpointWriter(Path.Combine(dir, CheckpointFile.Name)), run.Recording);
        sim.Add(new FinalMeasureWriter(Path.Combine(dir, "final.csv")), AtEnd.Instance);
        DivergenceException? diverged = null;
        try { run.Run(); }
        catch (DivergenceException e) { diverged = e; }
        var last = run.Series.Count > 0 ? run.Series[^1] : null;
        EnergyRises? rises = c.Solver.DecreasesEnergy ? EnergyRises.Scan(run.Series) : null;
        var summary = new List<KeyValuePair<string, object?>>
        {
            new("status", diverged is null ? "completed" : "diverged"),
            new("message", diverged?.Message),
            new("final_energy", last?.Diagnostics.Energy ?? double.NaN),
            new("final_mass", last?.Diagnostics.Mass ?? double.NaN),
            new("final_min_J_estimate", last?.Diagnostics.MinJ ?? double.NaN),
            new("final_min_J_lower_bound", last is { } lb && !double.IsNaN(lb.Diagnostics.MinJLowerBound) ? lb.Diagnostics.MinJLowerBound : null),
            new("final_gap_bound", last is { } gb && !double.IsNaN(gb.Diagnostics.GapBound) ? gb.Diagnostics.GapBound : null),
            new("min_J", Certificates.MinimumOfJ.Describe(c.Solver.Objective, c.Options.MinJ)),
            new("initial_energy", run.InitialEnergy),
            new("steps", c.Solver.Steps),
            new("t", c.Solver.Time),
            new("wall_seconds", run.WallSeconds),
            new("solver", c.Solver.Name),
            new("stepper", c.Solver.Stepper),
            new("flow", c.Flow.KindName),
            new("alpha", c.Flow.Alpha),
            new("beta", c.Flow.Beta),
            new("atoms", c.Solver.Current.Count),
            new("features", c.Problem.Features.Name),
            new("loss", c.Problem.Loss.Name),
            new("lambda", c.Problem.Lambda),
            new("data_points", c.Problem.Data.Count),
            new("evaluations", c.Solver.Clock.Evaluations),
            new("rejections", c.Solver.Clock.Rejections),
        };
        summary.AddRange(c.Solver.Statistics.Select(s => new KeyValuePair<string, object?>(s.Name, s.Value)));
        summary.Add(new("energy_rises", rises?.Count));
        summary.Add(new("first_energy_rise_step", rises is { Count: > 0 } r ? r.FirstStep : null));
        SummaryFile.Write(Path.Combine(dir, SummaryFile.Name), summary);
        return new CaseRunResult(run, diverged, rises);
    }
}

using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;
using MeasureSnapshot = SphereFlow.IO.MeasureSnapshot;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Output;

/// <summary>Outcome of a case run.</summary>
/// <param name="Simulation">The run (series, F(ν₀), wall time, solver state).</param>
/// <param name="Diverged">The divergence, if the run diverged (the last good checkpoint and series are kept).</param>
/// <param name="Rises">Energy rises between recorded rows (null when the solver's energy is not monotone by design).</param>
public sealed record CaseRunResult(CaseSimulation Simulation, DivergenceException? Diverged, EnergyRises? Rises)
{
    /// <summary>completed, stopped (a stop criterion), interrupted (a signal) or diverged.</summary>
    public string Status { get; init; } = "completed";

    /// <summary>Why the run ended before t_end (a stop criterion or the signal), or null.</summary>
    public string? StopReason { get; init; }

    /// <summary>The ParaView index of the snapshots (null without <c>output.snapshots</c>).</summary>
    public string? SnapshotIndex { get; init; }
}

/// <summary>
/// Runs a <see cref="SimulationCase"/> into an output folder, resuming from a checkpoint when asked: the standard run
/// (<see cref="SimulationCase.CreateSimulation"/>) with, on its recording schedule, progress, <c>series.csv</c> and
/// <c>checkpoint.bin</c> (also every <c>output.checkpoint_wall_time</c> seconds, keeping <c>output.checkpoint_keep</c>), with
/// <c>output.snapshots</c> the snapshot series (<see cref="SnapshotWriter"/>) and <c>run.h5</c>, and at the end
/// <c>final.csv</c>; <c>case.resolved.yaml</c> (the case text the case layer wrote from <see cref="SimulationCase.Spec"/>)
/// first and <c>summary.json</c> last, also after a divergence, a stop criterion or an interruption.
/// </summary>
public static class CaseRunner
{
    /// <summary>
    /// Runs the case. <paramref name="progress"/> receives one line per series row; <paramref name="caseText"/>, when given,
    /// is written as case.resolved.yaml (a case file that runs again).
    /// </summary>
    public static CaseRunResult Run(SimulationCase c, string outDir, string? resumeDir = null, Action<string>? progress = null, string? caseText = null) =>
        Run(c, outDir, new CaseRunOptions { ResumeDir = resumeDir, Progress = progress, CaseText = caseText });

    /// <summary>Runs the case with <paramref name="options"/>.</summary>
    public static CaseRunResult Run(SimulationCase c, string outDir, CaseRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(options);
        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        var run = c.CreateSimulation();
        var fingerprint = CaseFingerprint.Of(c.Problem, options.CaseKeys);
        string? resumeDir = options.ResumeDir is null ? null : Path.GetFullPath(options.ResumeDir);
        if (resumeDir is not null) Resume(c, run, resumeDir, fingerprint);
        if (options.CaseText is not null) AtomicFile.WriteAllText(Path.Combine(dir, "case.resolved.yaml"), options.CaseText);
        var sim = run.Simulation;
        if (options.Progress is not null) sim.Add(new ProgressReporter(run.Recorder, options.Progress), run.Recording);
        foreach (var cb in options.Callbacks) sim.Add(cb.Callback, cb.Schedule);
        sim.Add(new SeriesWriter(run.Recorder, Path.Combine(dir, SeriesFile.Name)), run.Recording);
        var output = c.Spec.Output;
        RunArchiveWriter? archive = null;
        SnapshotWriter? snapshots = null;
        if (output.Snapshots is { } snap)
        {
            snapshots = sim.Add(CreateSnapshotWriter(c, dir, resumeDir, options.OnSnapshot), snap.CreateSchedule());
            archive = sim.Add(new RunArchiveWriter(Path.Combine(dir, RunArchiveWriter.Name), run.Recorder, snapshots, Attributes(c, options.CaseText)),
                              new AnyOf(snap.CreateSchedule(), AtEnd.Instance));
        }
        ISchedule checkpoints = output.CheckpointWallTime is { } wall ? new AnyOf(run.Recording, new WallTimeInterval(wall)) : run.Recording;
        sim.Add(new CheckpointWriter(Path.Combine(dir, CheckpointFile.Name), fingerprint, output.CheckpointKeep), checkpoints);
        sim.Add(new FinalMeasureWriter(Path.Combine(dir, "final.csv")), AtEnd.Instance);
        options.Interruption?.Attach(sim);
        DivergenceException? diverged = null;
        try { run.Run(); }
        catch (DivergenceException e)
        {
            diverged = e;
            archive?.Write();
        }
        string? stopReason = diverged is null ? sim.StopReason : null;
        string status = diverged is not null ? "diverged"
            : stopReason is null ? "completed"
            : options.Interruption?.Signal is not null && stopReason == options.Interruption.Reason ? "interrupted" : "stopped";
        EnergyRises? rises = c.Solver.DecreasesEnergy ? EnergyRises.Scan(run.Series) : null;
        SummaryFile.Write(Path.Combine(dir, SummaryFile.Name), Summary(c, run, diverged, rises, status, stopReason, snapshots));
        return new CaseRunResult(run, diverged, rises) { Status = status, StopReason = stopReason, SnapshotIndex = snapshots?.IndexPath };
    }

    /// <summary>
    /// Restores the solver from the checkpoint of <paramref name="resumeDir"/> (checked against <paramref name="fingerprint"/>)
    /// and the series up to its step. A last row off the recording schedule (written because the earlier run stopped or was
    /// interrupted there) is dropped, so the continued series has exactly the rows of an uninterrupted run.
    /// </summary>
    private static void Resume(SimulationCase c, CaseSimulation run, string resumeDir, CaseFingerprint fingerprint)
    {
        CheckpointFile.Read(resumeDir, c.Solver, fingerprint);
        long step = c.Solver.Steps;
        var rows = SeriesFile.Read(resumeDir).Where(r => r.Step <= step).ToList();
        double wall = rows.Count > 0 ? rows[^1].WallSeconds : 0;
        if (rows.Count > 1 && rows[^1].Step == step && step % c.Options.OutputEvery != 0) rows.RemoveAt(rows.Count - 1);
        run.Recorder.Restore(rows);
        run.Simulation.ResumeWallClock(wall);
    }

    private static SnapshotWriter CreateSnapshotWriter(SimulationCase c, string dir, string? resumeDir, Action<int, MeasureSnapshot>? onSnapshot)
    {
        if (resumeDir is null) return new SnapshotWriter(dir) { OnSnapshot = onSnapshot };
        string h5 = Path.Combine(resumeDir, RunArchiveWriter.Name);
        IReadOnlyList<MeasureSnapshot> earlier = File.Exists(h5)
            ? [.. RunArchiveHdf5.Read(h5).Snapshots.Where(s => s.Step <= c.Solver.Steps)]
            : [];
        return new SnapshotWriter(dir, (resumeDir, earlier), c.Solver.Time) { OnSnapshot = onSnapshot };
    }

    private static Dictionary<string, string> Attributes(SimulationCase c, string? caseText)
    {
        var a = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["solver"] = c.Solver.Name,
            ["stepper"] = c.Solver.Stepper,
            ["flow"] = c.Flow.KindName,
            ["features"] = c.Problem.Features.Name,
            ["loss"] = c.Problem.Loss.Name,
        };
        if (c.Solver.Mesh is { } mesh) a["mesh"] = $"{mesh.Kind} level {mesh.Level} ({mesh.CellCount} cells)";
        if (caseText is not null) a["case"] = caseText;
        return a;
    }

    private static List<KeyValuePair<string, object?>> Summary(SimulationCase c, CaseSimulation run, DivergenceException? diverged, EnergyRises? rises,
                                                               string status, string? stopReason, SnapshotWriter? snapshots)
    {
        var last = run.Series.Count > 0 ? run.Series[^1] : null;
        var summary = new List<KeyValuePair<string, object?>>
        {
            new("status", status),
            new("message", diverged?.Message ?? stopReason),
            new("final_energy", last?.Diagnostics.Energy ?? double.NaN),
            new("final_mass", last?.Diagnostics.Mass ?? double.NaN),
            new("final_min_J_estimate", last?.Diagnostics.MinJ ?? double.NaN),
            new("final_min_J_lower_bound", last is { } lb && !double.IsNaN(lb.Diagnostics.MinJLowerBound) ? lb.Diagnostics.MinJLowerBound : null),
            new("final_gap_bound", last is { } gb && !double.IsNaN(gb.Diagnostics.GapBound) ? gb.Diagnostics.GapBound : null),
            new("min_J", Certificates.MinimumOfJ.Describe(c.Solver.Objective, c.Options.MinJ)),
            new("initial_energy", run.InitialEnergy),
            new("steps", c.Solver.Steps),
            new("t", c.Solver.Time),
            new("t_end", c.Options.TEnd),
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
        summary.Add(new("snapshots", snapshots?.Taken.Count ?? 0));
        summary.Add(new("memory_estimate_bytes", ResourceEstimate.For(c.Spec, c.Problem.AmbientDim, c.Problem.Data.Count, c.Problem.Data.InputDim).Bytes));
        using (var self = System.Diagnostics.Process.GetCurrentProcess()) summary.Add(new("process_peak_memory_bytes", self.PeakWorkingSet64));
        return summary;
    }
}

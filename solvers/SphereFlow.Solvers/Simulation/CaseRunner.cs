using SphereFlow.IO;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>Outcome of a case run.</summary>
/// <param name="Simulation">The simulation (series, solver state).</param>
/// <param name="Diverged">The divergence, if the run diverged (the last good checkpoint and series are kept).</param>
/// <param name="Rises">Energy rises between recorded rows (null when the solver's energy is not monotone by design).</param>
public sealed record CaseRunResult(Simulation Simulation, DivergenceException? Diverged, EnergyRises? Rises);

/// <summary>
/// Runs a <see cref="SimulationCase"/> into an output folder, resuming from a checkpoint when asked: writes
/// case.resolved.yaml first (the case text the case layer wrote from <see cref="SimulationCase.Spec"/>), series.csv and
/// checkpoint.bin at every output step, final.csv and summary.json at the end.
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
        var folder = new OutputFolder(outDir);
        var sim = new Simulation(c.Solver, c.Options);
        if (resumeDir is not null)
        {
            OutputFolder.ReadCheckpoint(resumeDir, c.Solver);
            sim.RestoreSeries(OutputFolder.ReadSeries(resumeDir));
        }
        if (caseText is not null) AtomicFile.WriteAllText(folder.File("case.resolved.yaml"), caseText);
        sim.RowWritten += r => progress?.Invoke(
            $"step {r.Step,8}  t = {r.T,10:F4}  F = {r.Diagnostics.Energy,14:E6}  mass = {r.Diagnostics.Mass,12:E5}  min J ≈ {r.Diagnostics.MinJ,12:E4}" + (double.IsNaN(r.Diagnostics.MinJLowerBound) ? " (estimate)" : $" ≥ {r.Diagnostics.MinJLowerBound,12:E4} (bound)"));
        sim.Checkpoint += s =>
        {
            folder.WriteSeries(s.Series);
            folder.WriteCheckpoint(s.Solver);
        };
        DivergenceException? diverged = null;
        try { sim.Run(); }
        catch (DivergenceException e) { diverged = e; }
        if (diverged is null) FinalMeasureCsv.Write(folder.File("final.csv"), c.Solver);
        var last = sim.Series.Count > 0 ? sim.Series[^1] : null;
        EnergyRises? rises = c.Solver.DecreasesEnergy ? EnergyRises.Scan(sim.Series) : null;
        folder.WriteSummary(new Dictionary<string, object?>
        {
            ["status"] = diverged is null ? "completed" : "diverged",
            ["message"] = diverged?.Message,
            ["final_energy"] = last?.Diagnostics.Energy ?? double.NaN,
            ["final_mass"] = last?.Diagnostics.Mass ?? double.NaN,
            ["final_min_J_estimate"] = last?.Diagnostics.MinJ ?? double.NaN,
            ["final_min_J_lower_bound"] = last is { } lb && !double.IsNaN(lb.Diagnostics.MinJLowerBound) ? lb.Diagnostics.MinJLowerBound : null,
            ["final_gap_bound"] = last is { } gb && !double.IsNaN(gb.Diagnostics.GapBound) ? gb.Diagnostics.GapBound : null,
            ["min_J"] = Certificates.MinimumOfJ.Describe(c.Solver.Objective, c.Options.MinJ),
            ["initial_energy"] = sim.InitialEnergy,
            ["steps"] = c.Solver.Steps,
            ["t"] = c.Solver.Time,
            ["wall_seconds"] = sim.WallSeconds,
            ["solver"] = c.Solver.Name,
            ["stepper"] = c.Solver.Stepper,
            ["flow"] = c.Flow.KindName,
            ["alpha"] = c.Flow.Alpha,
            ["beta"] = c.Flow.Beta,
            ["atoms"] = c.Solver.Current.Count,
            ["features"] = c.Problem.Features.Name,
            ["loss"] = c.Problem.Loss.Name,
            ["lambda"] = c.Problem.Lambda,
            ["data_points"] = c.Problem.Data.Count,
            ["evaluations"] = last?.Evaluations ?? 0,
            ["rejections"] = last?.Rejections ?? 0,
            ["unresolved_energy_rises"] = (c.Solver as FiniteVolume.MeshSolver)?.UnresolvedEnergyRises,
            ["energy_rises"] = rises?.Count,
            ["first_energy_rise_step"] = rises is { Count: > 0 } r ? r.FirstStep : null,
        });
        return new CaseRunResult(sim, diverged, rises);
    }
}

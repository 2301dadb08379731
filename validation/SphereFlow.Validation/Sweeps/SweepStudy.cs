using System.Diagnostics;
using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Validation.Sharding;

namespace SphereFlow.Validation.Sweeps;

/// <summary>A grid point of a sweep: the values of the varied keys and the case at that point, before reseeding.</summary>
/// <param name="Values">The values, in key order.</param>
/// <param name="Spec">The case at this point.</param>
public sealed record SweepPoint(IReadOnlyList<string> Values, CaseSpec Spec);

/// <summary>What a sweep runs: the case, the varied keys and the grid, and which seeds change per repetition and per run.</summary>
/// <param name="Case">Case file (full path; names the study).</param>
/// <param name="Keys">The varied keys.</param>
/// <param name="Points">The grid points, in order.</param>
/// <param name="Reseed">Which seeds vary (the case's <c>sweep:</c> section; empty lists when it has none).</param>
/// <param name="Overrides"><c>--set</c> overrides applied to every point.</param>
public sealed record SweepPlan(string Case, IReadOnlyList<string> Keys, IReadOnlyList<SweepPoint> Points, SweepSpec Reseed, IReadOnlyList<string> Overrides)
{
    /// <summary>The seed keys recorded per run (those the plan varies).</summary>
    public IReadOnlyList<string> SeedKeys => [.. Reseed.PerRepetition.Concat(Reseed.PerRun)];
}

/// <summary>One run of a sweep.</summary>
/// <param name="Run">Run number (0-based; point-major, then repetition).</param>
/// <param name="Point">Grid point number (0-based).</param>
/// <param name="Repetition">Repetition (1-based).</param>
/// <param name="Values">The point's values, in key order.</param>
/// <param name="Seeds">The seeds of <see cref="SweepPlan.SeedKeys"/> used.</param>
/// <param name="Status">completed or diverged.</param>
/// <param name="InitialEnergy">F(ν_0).</param>
/// <param name="FinalEnergy">F at the last recorded row (the last good one of a diverged run).</param>
/// <param name="FinalMass">ν(S^d) at that row.</param>
/// <param name="MinJEstimate">min J estimate at that row.</param>
/// <param name="Steps">Steps taken.</param>
/// <param name="T">Time reached.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
public sealed record SweepRow(int Run, int Point, int Repetition, IReadOnlyList<string> Values, IReadOnlyList<int> Seeds, string Status,
                              double InitialEnergy, double FinalEnergy, double FinalMass, double MinJEstimate, long Steps, double T, double WallSeconds)
{
    /// <summary>Whether the run succeeded: completed with final energy below <paramref name="threshold"/>.</summary>
    public bool Succeeded(double threshold) => Status == "completed" && FinalEnergy < threshold;
}

/// <summary>The outcome of <see cref="SweepStudy.Run"/> or <see cref="SweepMerge.Merge"/>.</summary>
/// <param name="Setting">The sweep's definition (sweep.json).</param>
/// <param name="Rows">The runs, in run order.</param>
public sealed record SweepResult(SweepSetting Setting, IReadOnlyList<SweepRow> Rows);

/// <summary>Settings of a sweep run.</summary>
public sealed record SweepOptions
{
    /// <summary>Repetitions per grid point (≥ 1).</summary>
    public int Repetitions { get; init; } = 1;

    /// <summary>The slice of the runs to run.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>A run succeeds when its final energy is below this (null: no success rates).</summary>
    public double? SuccessBelow { get; init; }

    /// <summary>Most runs in one sweep.</summary>
    public const int MaxRuns = 1_000_000;
}

/// <summary>
/// A parameter study (<c>sphereflow sweep</c>): every grid point of the varied keys, repeated R times with the seeds the
/// case's <c>sweep:</c> section names raised per repetition and per run (<see cref="SweepSpec"/>); each run is built from
/// the typed case (<c>spec with { … }</c>) and runs into <c>runs/runNNNNN</c> of the output folder like <c>sphereflow run</c>.
/// The runs are numbered point-major, then repetition, and <c>--shard k/N</c> runs those with i mod N = k − 1 (the same
/// mechanism as <c>compare</c>; <c>sphereflow merge</c> joins the shards). Rows are written after every run
/// (<c>sweep.csv</c>), so an interrupted shard keeps what it finished.
/// </summary>
public static class SweepStudy
{
    /// <summary>
    /// The plan of a case file with <c>--vary</c> variables (every combination, the first key varying slowest) and
    /// <c>--set</c> overrides: each point's case is read with the overrides and its values applied like <c>--set</c>.
    /// </summary>
    public static SweepPlan Plan(string casePath, IReadOnlyList<SweepVariable> variables, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(casePath);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(overrides);
        if (variables.Count == 0) throw new InputException("--vary: give at least one key to vary, e.g. --vary solver.m=1..30");
        var keys = variables.Select(v => v.Key).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count) throw new InputException("--vary: a key is varied twice");
        if (variables.Aggregate(1L, (n, v) => n * v.Values.Count) > SweepOptions.MaxRuns) throw new InputException($"--vary: more than {SweepOptions.MaxRuns} grid points");
        var baseSpec = CaseReader.Read(casePath, overrides).Spec;
        var points = new List<SweepPoint>();
        foreach (var values in Combinations(variables))
        {
            var assignments = keys.Select((k, i) => $"{k}={values[i]}").ToList();
            CaseSpec spec;
            try { spec = CaseReader.Read(casePath, [.. overrides, .. assignments]).Spec; }
            catch (InputException e)
            {
                string message = e.Message;
                foreach (var a in assignments) message = message.Replace($"--set '{a}'", $"--vary '{a}'", StringComparison.Ordinal);
                throw new InputException(message, e);
            }
            points.Add(new SweepPoint(values, spec));
        }
        return new SweepPlan(Path.GetFullPath(casePath), keys, points, baseSpec.Sweep ?? new SweepSpec([], []), [.. overrides]);
    }

    private static IEnumerable<string[]> Combinations(IReadOnlyList<SweepVariable> variables)
    {
        var index = new int[variables.Count];
        while (true)
        {
            yield return [.. variables.Select((v, i) => v.Values[index[i]])];
            int k = variables.Count - 1;
            while (k >= 0 && ++index[k] == variables[k].Values.Count) index[k--] = 0;
            if (k < 0) yield break;
        }
    }

    /// <summary>Runs this shard's runs of <paramref name="plan"/> into <paramref name="outDir"/> (sweep.json first, sweep.csv after every run).</summary>
    public static SweepResult Run(SweepPlan plan, SweepOptions options, string outDir, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(outDir);
        options.Shard.Validate();
        if (options.Repetitions < 1) throw new ArgumentException("--reps must be ≥ 1");
        if ((long)plan.Points.Count * options.Repetitions > SweepOptions.MaxRuns) throw new ArgumentException($"--reps: more than {SweepOptions.MaxRuns} runs");
        if (options.SuccessBelow is { } s && !double.IsFinite(s)) throw new ArgumentException("--success-below must be finite");
        var setting = new SweepSetting(plan.Case, Path.GetFileNameWithoutExtension(plan.Case), [.. plan.Keys], [.. plan.Points.Select(p => p.Values.ToArray())],
                                       options.Repetitions, [.. plan.Reseed.PerRepetition], [.. plan.Reseed.PerRun], [.. plan.Overrides], options.SuccessBelow,
                                       options.Shard.Index, options.Shard.Count, 0);
        Directory.CreateDirectory(outDir);
        setting.Write(outDir);
        var clock = Stopwatch.StartNew();
        var rows = new List<SweepRow>();
        int run = -1;
        for (int p = 0; p < plan.Points.Count; p++)
            for (int rep = 1; rep <= options.Repetitions; rep++)
            {
                if (!options.Shard.Owns(++run)) continue;
                var spec = CaseReader.Build(plan.Case, "sweep", () => plan.Reseed.Apply(plan.Points[p].Spec, rep, run));
                var seeds = plan.SeedKeys.Select(k => SweepSpec.Seed(spec, k)).ToList();
                var c = CaseReader.Build(plan.Case, "solver", () => spec.Build());
                var r = CaseRunner.Run(c, Path.Combine(outDir, "runs", RunFolder(run)), caseText: CaseWriter.Write(c));
                var last = r.Simulation.Series.Count > 0 ? r.Simulation.Series[^1] : null;
                rows.Add(new SweepRow(run, p, rep, plan.Points[p].Values, seeds, r.Diverged is null ? "completed" : "diverged", r.Simulation.InitialEnergy,
                                      last?.Diagnostics.Energy ?? double.NaN, last?.Diagnostics.Mass ?? double.NaN, last?.Diagnostics.MinJ ?? double.NaN,
                                      c.Solver.Steps, c.Solver.Time, r.Simulation.WallSeconds));
                SweepReport.WriteRows(outDir, plan.Keys, plan.SeedKeys, rows);
                progress?.Invoke($"run {run + 1}/{setting.Runs} ({string.Join(", ", plan.Keys.Select((k, i) => $"{k} = {plan.Points[p].Values[i]}"))}, repetition {rep}): " +
                                 $"F = {rows[^1].FinalEnergy:E3}{(r.Diverged is null ? "" : " (diverged)")}, {r.Simulation.WallSeconds:F1} s");
            }
        setting = setting with { WallSeconds = clock.Elapsed.TotalSeconds };
        setting.Write(outDir);
        return new SweepResult(setting, rows);
    }

    /// <summary>The folder of run number <paramref name="run"/> under <c>runs/</c>.</summary>
    public static string RunFolder(int run) => $"run{run:D5}";
}

using System.Globalization;
using System.Text;
using ScottPlot;
using SphereFlow.IO;
using SphereFlow.Plots;
using SphereFlow.Validation.Statistics;

namespace SphereFlow.Validation.Sweeps;

/// <summary>
/// Writes a <see cref="SweepResult"/>: <c>sweep.csv</c> (every run), <c>points.csv</c> (per grid point: runs, final-energy
/// quantiles and, with a success threshold, successes, rate and its 95% Clopper–Pearson and Wilson intervals),
/// <c>report.md</c>, <c>plots/final-energy.png</c> (every run's final energy on a log scale against the first varied key) and
/// <c>plots/success.png</c> (success rate with its Clopper–Pearson interval), every file atomically.
/// </summary>
public static class SweepReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Per-run columns after the run, point, repetition, values and seeds.</summary>
    public static readonly string[] ResultColumns = ["status", "initial_energy", "final_energy", "final_mass", "min_J_estimate", "steps", "t", "wall_seconds"];

    /// <summary>The header of sweep.csv.</summary>
    public static IReadOnlyList<string> Header(IReadOnlyList<string> keys, IReadOnlyList<string> seedKeys) =>
        [.. new[] { "run", "point", "repetition" }.Concat(keys).Concat(seedKeys.Select(k => "seed:" + k)).Concat(ResultColumns)];

    /// <summary>Writes sweep.csv (called after every run).</summary>
    public static void WriteRows(string dir, IReadOnlyList<string> keys, IReadOnlyList<string> seedKeys, IReadOnlyList<SweepRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder(string.Join(',', Header(keys, seedKeys))).Append('\n');
        foreach (var r in rows)
            sb.Append(Inv, $"{r.Run},{r.Point},{r.Repetition},").Append(string.Concat(r.Values.Select(v => v + ","))).Append(string.Concat(r.Seeds.Select(s => s.ToString(Inv) + ",")))
              .Append(r.Status).Append(',').Append(NumberFormat.R(r.InitialEnergy)).Append(',').Append(NumberFormat.R(r.FinalEnergy)).Append(',')
              .Append(NumberFormat.R(r.FinalMass)).Append(',').Append(NumberFormat.R(r.MinJEstimate)).Append(',').Append(NumberFormat.I(r.Steps)).Append(',')
              .Append(NumberFormat.R(r.T)).Append(',').Append(NumberFormat.R(r.WallSeconds)).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(dir, "sweep.csv"), sb.ToString());
    }

    /// <summary>Reads sweep.csv of a sweep folder; every malformed line is an <see cref="InputException"/> naming the file and line.</summary>
    public static List<SweepRow> ReadRows(string dir, SweepSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        string path = Path.Combine(dir, "sweep.csv");
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        var seedKeys = setting.PerRepetition.Concat(setting.PerRun).ToList();
        var header = Header(setting.Keys, seedKeys);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != string.Join(',', header)) throw new InputException($"{path}: unexpected header (not this sweep's rows)");
        var rows = new List<SweepRow>();
        int nk = setting.Keys.Length, ns = seedKeys.Count;
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var f = lines[i].Split(',');
            InputException Bad(string what) => new($"{path}: line {i + 1}: {what}");
            if (f.Length != header.Count) throw Bad($"{f.Length} fields, expected {header.Count}");
            int Int(int k) => int.TryParse(f[k], NumberStyles.Integer, Inv, out int v) ? v : throw Bad($"'{f[k]}' is not an integer ({header[k]})");
            double Num(int k) => double.TryParse(f[k], NumberStyles.Float, Inv, out double v) ? v : throw Bad($"'{f[k]}' is not a number ({header[k]})");
            int o = 3 + nk + ns;
            rows.Add(new SweepRow(Int(0), Int(1), Int(2), f[3..(3 + nk)], [.. Enumerable.Range(3 + nk, ns).Select(Int)], f[o],
                                  Num(o + 1), Num(o + 2), Num(o + 3), Num(o + 4), Int(o + 5), Num(o + 6), Num(o + 7)));
        }
        return rows;
    }

    /// <summary>Per grid point: runs, completed runs, final-energy quantiles, successes and the success rate's intervals.</summary>
    public sealed record PointSummary(int Point, IReadOnlyList<string> Values, int Runs, int Completed, double Median, double Q10, double Q90, double Min, double Max,
                                      int Successes, double Rate, (double Low, double High) ClopperPearson, (double Low, double High) Wilson);

    /// <summary>The summaries, in point order.</summary>
    public static IReadOnlyList<PointSummary> Summaries(SweepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Setting;
        var list = new List<PointSummary>();
        foreach (var g in result.Rows.GroupBy(r => r.Point).OrderBy(g => g.Key))
        {
            var rows = g.ToList();
            var f = rows.Where(r => r.Status == "completed").Select(r => r.FinalEnergy).Order().ToArray();
            int k = s.SuccessBelow is { } thr ? rows.Count(r => r.Succeeded(thr)) : 0;
            list.Add(new PointSummary(g.Key, s.Points[g.Key], rows.Count, f.Length, Quantile(f, 0.5), Quantile(f, 0.1), Quantile(f, 0.9),
                                      f.Length > 0 ? f[0] : double.NaN, f.Length > 0 ? f[^1] : double.NaN, k, rows.Count > 0 ? (double)k / rows.Count : double.NaN,
                                      BinomialInterval.ClopperPearson(k, rows.Count), BinomialInterval.Wilson(k, rows.Count)));
        }
        return list;
    }

    /// <summary>Linear-interpolation quantile of sorted values (NaN when empty).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0) return double.NaN;
        double x = q * (sorted.Length - 1);
        int i = (int)Math.Floor(x);
        return i + 1 < sorted.Length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }

    /// <summary>Writes every output into <paramref name="dir"/> (sweep.csv, sweep.json, points.csv, report.md, plots).</summary>
    public static void Write(string dir, SweepResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Setting;
        Directory.CreateDirectory(Path.Combine(dir, "plots"));
        WriteRows(dir, s.Keys, [.. s.PerRepetition.Concat(s.PerRun)], result.Rows);
        s.Write(dir);
        var points = Summaries(result);
        var csv = new StringBuilder("point,").Append(string.Concat(s.Keys.Select(k => k + ","))).Append("runs,completed,final_energy_median,final_energy_q10,final_energy_q90,final_energy_min,final_energy_max");
        if (s.SuccessBelow is not null) csv.Append(",successes,success_rate,clopper_pearson_low95,clopper_pearson_high95,wilson_low95,wilson_high95");
        csv.Append('\n');
        foreach (var p in points)
        {
            csv.Append(Inv, $"{p.Point},").Append(string.Concat(p.Values.Select(v => v + ","))).Append(Inv, $"{p.Runs},{p.Completed},")
               .Append(string.Join(',', new[] { p.Median, p.Q10, p.Q90, p.Min, p.Max }.Select(NumberFormat.R)));
            if (s.SuccessBelow is not null)
                csv.Append(Inv, $",{p.Successes},").Append(string.Join(',', new[] { p.Rate, p.ClopperPearson.Low, p.ClopperPearson.High, p.Wilson.Low, p.Wilson.High }.Select(NumberFormat.R)));
            csv.Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(dir, "points.csv"), csv.ToString());
        RunPlots.Save(Path.Combine(dir, "plots", "final-energy.png"), FinalEnergyPlot(result, title), 900, 600);
        if (s.SuccessBelow is not null) RunPlots.Save(Path.Combine(dir, "plots", "success.png"), SuccessPlot(result, points, title), 900, 600);
        AtomicFile.WriteAllText(Path.Combine(dir, "report.md"), Markdown(result, points, title));
    }

    /// <summary>The x coordinate of a point: its first value when every first value is a number, else the point number + 1.</summary>
    public static double X(SweepSetting setting, int point)
    {
        ArgumentNullException.ThrowIfNull(setting);
        bool numeric = setting.Points.All(v => NumberFormat.TryParse(v[0]) is not null);
        return numeric ? NumberFormat.TryParse(setting.Points[point][0])!.Value : point + 1;
    }

    /// <summary>
/// Every run's final energy (log scale) against the first varied key, one colour per combination of the other keys, the
/// success threshold dashed; energies at the round-off level 10⁻¹⁶ F(0) or below are drawn at that level.
/// </summary>
    public static Plot FinalEnergyPlot(SweepResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Setting;
        var p = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        // F ≥ 0 in exact arithmetic; values at or below 1e-16 F(0) (down to small negatives from cancellation in closed-form energies) are round-off, drawn at that level.
        double floor = 1e-16 * result.Rows.Select(r => Math.Abs(r.InitialEnergy)).DefaultIfEmpty(1).Max();
        foreach (var series in result.Rows.Where(r => r.Status == "completed" && double.IsFinite(r.FinalEnergy)).GroupBy(r => string.Join(", ", r.Values.Skip(1))))
        {
            var rows = series.ToList();
            var dots = p.Add.ScatterPoints(rows.Select(r => X(s, r.Point)).ToArray(), rows.Select(r => Math.Log10(Math.Max(r.FinalEnergy, floor))).ToArray());
            dots.MarkerSize = 5;
            dots.Color = palette.GetColor(colour++).WithAlpha(0.7);
            if (s.Keys.Length > 1) dots.LegendText = string.Join(", ", s.Keys.Skip(1).Zip(rows[0].Values.Skip(1), (k, v) => $"{k} = {v}"));
        }
        if (s.SuccessBelow is { } thr && thr > 0)
        {
            var line = p.Add.HorizontalLine(Math.Log10(thr));
            line.LinePattern = LinePattern.Dashed;
            line.Color = Colors.Gray;
            line.LegendText = $"success threshold {thr.ToString("G3", Inv)}";
        }
        if (s.Keys.Length > 1 || s.SuccessBelow is not null) p.ShowLegend(Edge.Right);
        RunPlots.LogTicks(p);
        p.Title(title ?? $"Final energy, {s.Repetitions} repetition(s) per point");
        p.XLabel(s.Keys[0]);
        p.YLabel($"final energy F (log scale; ≤ {floor.ToString("G2", Inv)} = 1e-16 F(0) drawn there)");
        return p;
    }

    /// <summary>Success rate against the first varied key as bars over a faint full-height bar (the notebook's figure), with 95% Clopper–Pearson intervals.</summary>
    public static Plot SuccessPlot(SweepResult result, IReadOnlyList<PointSummary> points, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(points);
        var s = result.Setting;
        var p = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        var groups = points.GroupBy(q => string.Join(", ", q.Values.Skip(1))).ToList();
        double width = groups.Count > 1 ? 0.8 / groups.Count : 0.8;
        for (int gi = 0; gi < groups.Count; gi++)
        {
            var g = groups[gi].ToList();
            var color = groups.Count > 1 ? palette.GetColor(colour++) : Colors.Green;
            double shift = groups.Count > 1 ? (gi - (groups.Count - 1) / 2.0) * width : 0;
            double[] x = [.. g.Select(q => X(s, q.Point) + shift)];
            if (gi == 0)
                p.Add.Bars(g.Select(q => new Bar { Position = X(s, q.Point), Value = 1, Size = 0.8, FillColor = Colors.Red.WithAlpha(0.1), LineWidth = 0 }).ToList());
            p.Add.Bars(g.Select((q, i) => new Bar { Position = x[i], Value = q.Rate, Size = width, FillColor = color, LineWidth = 0 }).ToList());
            // ScottPlot's ErrorBar takes the positive (upper) errors before the negative (lower) ones.
            var bars = new ScottPlot.Plottables.ErrorBar(x, [.. g.Select(q => q.Rate)], null, null,
                [.. g.Select(q => q.ClopperPearson.High - q.Rate)], [.. g.Select(q => q.Rate - q.ClopperPearson.Low)]) { Color = Colors.Black };
            p.Add.Plottable(bars);
            if (groups.Count > 1)
            {
                var legend = p.Add.ScatterPoints(new[] { x[0] }, new[] { double.NaN });
                legend.Color = color;
                legend.LegendText = string.Join(", ", s.Keys.Skip(1).Zip(g[0].Values.Skip(1), (k, v) => $"{k} = {v}"));
            }
        }
        if (groups.Count > 1) p.ShowLegend(Edge.Right);
        p.Axes.SetLimitsY(0, 1.05);
        p.Title(title ?? $"Success rate (final energy < {s.SuccessBelow?.ToString("G3", Inv)}), {s.Repetitions} repetition(s), 95% Clopper–Pearson intervals");
        p.XLabel(s.Keys[0]);
        p.YLabel("success rate");
        return p;
    }

    /// <summary>The report's markdown.</summary>
    public static string Markdown(SweepResult result, IReadOnlyList<PointSummary> points, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(points);
        var s = result.Setting;
        var sb = new StringBuilder();
        sb.Append(Inv, $"# Sweep: {title ?? s.CaseName}\n\n");
        if (s.Shards > 1) sb.Append(Inv, $"Shard {s.Shard} of {s.Shards}: only its runs are below (join the shards with `sphereflow merge`).\n\n");
        string casePath = Path.GetRelativePath(Environment.CurrentDirectory, s.Case);
        if (casePath.StartsWith("..", StringComparison.Ordinal)) casePath = s.Case;
        sb.Append(Inv, $"Case `{casePath}`; varied: {string.Join(", ", s.Keys.Select(k => $"`{k}`"))}; {s.Points.Length} grid point(s) × {s.Repetitions} repetition(s) = {s.Runs} runs, ")
          .Append(Inv, $"{result.Rows.Count} run here, {s.WallSeconds:F0} s of wall time.\n");
        sb.Append("Seeds raised by r − 1 in repetition r: ").Append(s.PerRepetition.Length == 0 ? "none" : string.Join(", ", s.PerRepetition.Select(k => $"`{k}`")))
          .Append("; raised by the run number: ").Append(s.PerRun.Length == 0 ? "none" : string.Join(", ", s.PerRun.Select(k => $"`{k}`"))).Append(".\n");
        if (s.Overrides.Length > 0) sb.Append(Inv, $"Overrides: `{string.Join("`, `", s.Overrides)}`.\n");
        if (s.SuccessBelow is { } thr)
            sb.Append(Inv, $"Success: completed with final energy < {thr:G3}. Intervals: 95% Clopper–Pearson (exact, coverage ≥ 95%) and Wilson.\n");
        sb.Append("\n| ").Append(string.Join(" | ", s.Keys)).Append(" | runs | median F | 10%–90% of F |");
        if (s.SuccessBelow is not null) sb.Append(" successes | rate | 95% Clopper–Pearson | 95% Wilson |");
        sb.Append("\n|").Append(string.Concat(Enumerable.Repeat("---|", s.Keys.Length + 3 + (s.SuccessBelow is null ? 0 : 4)))).Append('\n');
        foreach (var p in points)
        {
            sb.Append("| ").Append(string.Join(" | ", p.Values)).Append(Inv, $" | {p.Runs}{(p.Completed < p.Runs ? $" ({p.Runs - p.Completed} diverged)" : "")} | {p.Median:E2} | {p.Q10:E2} – {p.Q90:E2} |");
            if (s.SuccessBelow is not null)
                sb.Append(Inv, $" {p.Successes}/{p.Runs} | {p.Rate:F2} | [{p.ClopperPearson.Low:F2}, {p.ClopperPearson.High:F2}] | [{p.Wilson.Low:F2}, {p.Wilson.High:F2}] |");
            sb.Append('\n');
        }
        sb.Append("\n![final energy](plots/final-energy.png)").Append(s.SuccessBelow is null ? "\n" : " ![success](plots/success.png)\n")
          .Append("\nFiles: `sweep.csv` (every run: values, seeds, final energy…), `points.csv` (per point), `sweep.json` (the setting); ")
          .Append("each run's outputs are in `runs/runNNNNN/` of the folder that ran it (each shard's own folder for a sharded sweep).\n");
        return sb.ToString();
    }
}

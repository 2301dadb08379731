using System.Globalization;
using ScottPlot;
using SphereFlow.Plots;

namespace SphereFlow.Validation.Comparison;

/// <summary>
/// The plot of one comparison metric against m on log–log axes: every (m, seed) run as a faint dot, the mean over
/// seeds with error bars of ± one standard error across seeds (asymmetric on the log axis; a lower end at or below
/// zero is drawn down to the smallest run), one colour per comparison time, the mesh reference's Richardson error estimate
/// at each time as a dotted line of the same colour, and the reference slope −1/2. The legend
/// sits outside the data, on the right.
/// </summary>
public static class ComparisonPlot
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the plot of metric number <paramref name="metric"/> (<see cref="ComparisonStudy.Metrics"/>).</summary>
    public static Plot Create(ComparisonResult result, IReadOnlyList<ComparisonReport.Summary> groups, int metric)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(groups);
        var p = new Plot();
        string name = ComparisonStudy.Metrics[metric];
        var palette = new ScottPlot.Palettes.Category10();
        int seeds = result.Setting.Seeds, colour = 0;
        foreach (var t in result.Setting.Times)
        {
            var color = palette.GetColor(colour++);
            var runs = result.Rows.Where(r => r.T == t && ComparisonStudy.Value(r, name) > 0).ToList();
            if (runs.Count > 0 && seeds > 1)
            {
                var dots = p.Add.ScatterPoints(runs.Select(r => Math.Log10(r.M)).ToArray(), runs.Select(r => Math.Log10(ComparisonStudy.Value(r, name))).ToArray());
                dots.Color = color.WithAlpha(0.35);
                dots.MarkerSize = 4;
            }
            var at = groups.Where(g => g.T == t && g.Mean[metric] > 0).ToList();
            if (at.Count == 0) continue;
            // The mesh reference's own error (Richardson estimate) at this time: the floor the particle error cannot go below.
            if (result.Refinement.FirstOrDefault(r => r.T == t && r.Metric == name) is { Estimate.Error: > 0 and var meshError })
            {
                double lo = Math.Log10(result.Setting.ParticleCounts.Min()), hi = Math.Log10(result.Setting.ParticleCounts.Max());
                var floor = p.Add.Line(lo, Math.Log10(meshError), hi, Math.Log10(meshError));
                floor.Color = color;
                floor.LinePattern = LinePattern.Dotted;
                floor.LineWidth = 2;
                floor.LegendText = $"mesh error estimate, t = {t.ToString("G4", Inv)}";
            }
            double[] x = [.. at.Select(g => Math.Log10(g.M))], y = [.. at.Select(g => Math.Log10(g.Mean[metric]))];
            var mean = p.Add.Scatter(x, y);
            mean.Color = color;
            mean.MarkerSize = 7;
            mean.LegendText = $"t = {t.ToString("G4", Inv)}";
            if (at.Any(g => double.IsFinite(g.Se[metric])))
            {
                var up = new double[at.Count];
                var down = new double[at.Count];
                for (int i = 0; i < at.Count; i++)
                {
                    double m = at[i].Mean[metric], se = double.IsFinite(at[i].Se[metric]) ? at[i].Se[metric] : 0;
                    double low = m - se > 0 ? m - se : runs.Where(r => r.M == at[i].M).Select(r => ComparisonStudy.Value(r, name)).DefaultIfEmpty(m).Min();
                    up[i] = Math.Log10(m + se) - y[i];
                    down[i] = y[i] - Math.Log10(Math.Min(low, m));
                }
                var bars = new ScottPlot.Plottables.ErrorBar(x, y, null, null, up, down) { Color = color };   // ScottPlot's order: positive, then negative
                p.Add.Plottable(bars);
            }
        }
        // Reference slope −1/2 through the first time's smallest-m mean.
        var first = groups.Where(g => g.Mean[metric] > 0).OrderBy(g => g.T).ThenBy(g => g.M).FirstOrDefault();
        if (first is not null)
        {
            double x0 = Math.Log10(first.M), x1 = Math.Log10(result.Setting.ParticleCounts.Max()), y0 = Math.Log10(first.Mean[metric]);
            if (x1 > x0)
            {
                var line = p.Add.Line(x0, y0, x1, y0 - 0.5 * (x1 - x0));
                line.LinePattern = LinePattern.Dashed;
                line.Color = Colors.Gray;
                line.LegendText = "slope −1/2";
            }
        }
        p.ShowLegend(Edge.Right);
        RunPlots.LogTicks(p);
        RunPlots.LogTicksX(p);
        p.Title($"Mesh vs particles: {Describe(name)}");
        p.XLabel("m (particles)");
        p.YLabel((name switch { "mmd" => "MMD", "w1" => "W1", "sinkhorn" => "Sinkhorn divergence", _ => "error" }) + (seeds > 1 ? $" (mean of {seeds} seeds ± standard error; dots: runs)" : ""));
        return p;
    }

    /// <summary>What the metric measures, for titles.</summary>
    public static string Describe(string metric) => metric switch
    {
        "energy" => "|F(ν^mesh_t) − F(ν^m_t)|",
        "prediction" => "‖h^mesh_t − h^m_t‖ in L²(ω)",
        "w1" => "W1 on S^1 of the normalised measures",
        "sinkhorn" => "Sinkhorn divergence (geodesic cost) of the normalised measures",
        _ => "MMD(ν^mesh_t, ν^m_t)",
    };
}

using System.Globalization;
using System.Text;
using ScottPlot;
using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Plots;

namespace SphereFlow.Validation.Comparison;

/// <summary>
/// Writes a <see cref="ComparisonResult"/>: <c>compare.csv</c> (every run at every time), <c>summary.csv</c> (mean and
/// standard error over seeds per time and m), <c>rates.csv</c> (fitted exponents with 95% intervals), <c>report.md</c>,
/// <c>plots/compare-{energy,prediction,mmd,w1}.png</c>, <c>compare.json</c> (the setting), the mesh reference's refinement
/// study (<c>refinement.csv</c>, <c>refinement.json</c>) and, for a study run here, <c>mesh-case.resolved.yaml</c>; every file
/// atomically.
/// </summary>
public static class ComparisonReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Column names of compare.csv.</summary>
    public static readonly string[] RowHeader =
        ["t", "m", "seed", "energy_mesh", "energy_particles", "energy_error", "prediction_error", "mmd", "w1", "mass_mesh", "mass_particles", "sinkhorn", "wall_seconds"];

    /// <summary>Writes every output into <paramref name="dir"/>.</summary>
    public static void Write(string dir, ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(dir, "plots"));
        NumericCsv.Write(Path.Combine(dir, "compare.csv"), RowHeader, result.Rows.Select(r => (IReadOnlyList<double>)
            [r.T, r.M, r.Seed, r.EnergyMesh, r.EnergyParticles, r.EnergyError, r.PredictionError, r.Mmd, r.W1, r.MassMesh, r.MassParticles, r.Sinkhorn, r.WallSeconds]));
        var groups = Summaries(result);
        NumericCsv.Write(Path.Combine(dir, "summary.csv"),
            ["t", "m", "seeds", "energy_error_mean", "energy_error_se", "prediction_error_mean", "prediction_error_se", "mmd_mean", "mmd_se", "w1_mean", "w1_se",
             "sinkhorn_mean", "sinkhorn_se"],
            groups.Select(g => (IReadOnlyList<double>)[g.T, g.M, g.Seeds, g.Mean[0], g.Se[0], g.Mean[1], g.Se[1], g.Mean[2], g.Se[2], g.Mean[3], g.Se[3], g.Mean[4], g.Se[4]]));
        var rates = new StringBuilder("t,metric,status,exponent,standard_error,low95,high95,points,m_min,m_max,mesh_error_estimate,margin\n");
        foreach (var r in result.Rates)
            rates.Append(NumberFormat.R(r.T)).Append(',').Append(r.Metric).Append(',').Append(r.Status).Append(',').Append(NumberFormat.R(r.Fit.Exponent)).Append(',')
                 .Append(NumberFormat.R(r.Fit.StandardError)).Append(',').Append(NumberFormat.R(r.Fit.Low95)).Append(',')
                 .Append(NumberFormat.R(r.Fit.High95)).Append(',').Append(r.Fit.Points.ToString(Inv)).Append(',')
                 .Append(r.FittedCounts.Length > 0 ? r.FittedCounts[0].ToString(Inv) : "").Append(',')
                 .Append(r.FittedCounts.Length > 0 ? r.FittedCounts[^1].ToString(Inv) : "").Append(',')
                 .Append(NumberFormat.R(r.MeshError)).Append(',').Append(NumberFormat.R(result.Setting.MeshMargin)).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(dir, "rates.csv"), rates.ToString());
        RefinementFile.Write(dir, result.Refinement);
        if (result.Case is not null) AtomicFile.WriteAllText(Path.Combine(dir, "mesh-case.resolved.yaml"), CaseWriter.Write(result.Case));
        result.Setting.Write(dir);
        for (int k = 0; k < ComparisonStudy.Metrics.Length; k++)
        {
            if (groups.All(g => double.IsNaN(g.Mean[k]))) continue;
            RunPlots.Save(Path.Combine(dir, "plots", $"compare-{ComparisonStudy.Metrics[k]}.png"), ComparisonPlot.Create(result, groups, k));
        }
        AtomicFile.WriteAllText(Path.Combine(dir, "report.md"), Markdown(result, groups));
    }

    /// <summary>Mean and standard error over seeds of each metric, per time and m.</summary>
    public sealed record Summary(double T, int M, int Seeds, double[] Mean, double[] Se);

    /// <summary>The per-(t, m) summaries, in time then m order.</summary>
    public static IReadOnlyList<Summary> Summaries(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<Summary>();
        foreach (var g in result.Rows.GroupBy(r => (r.T, r.M)).OrderBy(g => g.Key.T).ThenBy(g => g.Key.M))
        {
            var rows = g.ToList();
            var mean = new double[ComparisonStudy.Metrics.Length];
            var se = new double[mean.Length];
            for (int k = 0; k < mean.Length; k++)
            {
                var v = rows.Select(r => ComparisonStudy.Value(r, ComparisonStudy.Metrics[k])).ToArray();
                mean[k] = v.Average();
                se[k] = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean[k]) * (x - mean[k])) / (v.Length - 1) / v.Length) : double.NaN;
            }
            list.Add(new Summary(g.Key.T, g.Key.M, rows.Count, mean, se));
        }
        return list;
    }

    /// <summary>The report's markdown (title, setting, tables).</summary>
    public static string Markdown(ComparisonResult result, IReadOnlyList<Summary> groups)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(groups);
        var o = result.Setting;
        var sb = new StringBuilder();
        sb.Append(Inv, $"# Eulerian vs Lagrangian: {o.CaseName}\n\n");
        if (o.Shards > 1) sb.Append(Inv, $"Shard {o.Shard} of {o.Shards}: only its particle runs are below (join the shards with `sphereflow merge`).\n\n");
        sb.Append(Inv, $"Mesh reference: {o.Cells} cells on S^{o.SphereDim}, stepper `{o.MeshStepper}`, flow `{o.Flow}` ")
          .Append(Inv, $"(α = {o.Alpha}, β = {o.Beta}), {o.MeshSteps} steps to t = {o.Times[^1]:G6} in {o.MeshWallSeconds:F1} s.\n");
        sb.Append(Inv, $"Particles: m ∈ {{{string.Join(", ", o.ParticleCounts)}}}, {o.Seeds} seed(s) each, drawn from the mesh's initial density ")
          .Append(Inv, $"({o.Sampling} cells, placement `{o.Placement}`), stepper `{o.Stepper}` (Δt ≤ {o.ParticleDt:G4}{(o.Stepper == "adaptive" ? $", tolerance {o.Tolerance:G3}" : "")}). MMD kernel exp(κ(η·η′ − 1)), κ = {o.Kappa:G4}.\n");
        if (o.Overrides.Length > 0) sb.Append(Inv, $"Case overrides: `{string.Join("`, `", o.Overrides)}`.\n");
        sb.Append('\n');
        sb.Append(RefinementMarkdown(result));
        sb.Append("\nErrors are means over seeds (± standard error).\n\n");
        bool w1 = groups.Any(g => !double.IsNaN(g.Mean[3])), sk = groups.Any(g => !double.IsNaN(g.Mean[4]));
        sb.Append("| t | m | \\|F_mesh − F_m\\| | ‖h_mesh − h_m‖ | MMD |").Append(w1 ? " W1 (normalised) |" : "").Append(sk ? " Sinkhorn S_ε (normalised) |" : "")
          .Append("\n|---|---|---|---|---|").Append(w1 ? "---|" : "").Append(sk ? "---|" : "").Append('\n');
        foreach (var g in groups)
            sb.Append(Inv, $"| {g.T:G6} | {g.M} | {Cell(g, 0)} | {Cell(g, 1)} | {Cell(g, 2)} |").Append(w1 ? $" {Cell(g, 3)} |" : "").Append(sk ? $" {Cell(g, 4)} |" : "").Append('\n');
        sb.Append(Inv, $"\nRates: least-squares fits of log error against log m over every (m, seed) run of the m whose mean error is at least ")
          .Append(Inv, $"{o.MeshMargin:G3}× the mesh reference's error estimate (the smallest m up to the last that qualifies), with 95% ")
          .Append("intervals (Student t); with fewer than three such m the mesh error dominates and nothing is fitted. Independent sampling gives ")
          .Append("exponent −1/2 at every time (stratified sampling can do better at t = 0).\n\n")
          .Append("| t | metric | mesh error estimate | m with mean error ≥ margin × estimate | exponent | 95% interval | runs |\n|---|---|---|---|---|---|---|\n");
        foreach (var r in result.Rates)
        {
            string range = r.FittedCounts.Length == 0 ? "none" : $"{r.FittedCounts[0]} … {r.FittedCounts[^1]} ({r.FittedCounts.Length})";
            sb.Append(Inv, $"| {r.T:G6} | {r.Metric} | {Num(r.MeshError)} | ")
              .Append(r.IsFitted
                  ? string.Create(Inv, $"{range} | {r.Fit.Exponent:F3} | [{r.Fit.Low95:F3}, {r.Fit.High95:F3}] | {r.Fit.Points} |\n")
                  : $"{range} | {r.Status} | – | – |\n");
        }
        sb.Append("\nFiles: `compare.csv` (every run), `summary.csv`, `rates.csv`, `refinement.csv` (the mesh levels' differences, orders and estimates), `plots/compare-*.png`, `compare.json` (the setting)")
          .Append(result.Case is null ? ".\n" : ", `mesh-case.resolved.yaml`.\n");
        return sb.ToString();
    }

    /// <summary>
    /// The refinement study of the mesh reference: its levels, then per time and metric the differences between successive
    /// levels, the observed order and the Richardson estimate of the finest level's error, with how it is derived.
    /// </summary>
    public static string RefinementMarkdown(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Setting;
        var sb = new StringBuilder();
        sb.Append("\n**Mesh reference and its refinement study.** Levels (coarse to fine; each halves h and the Δt cap, so Δt ∝ h): ")
          .Append(string.Join("; ", o.Levels.Select(l => string.Create(Inv, $"{l.Label} ({l.Cells} cells, Δt ≤ {l.DtCap:G3}, {l.Steps} steps, {l.WallSeconds:F1} s)"))))
          .Append(Inv, $". Scheme order {o.MeshOrder} in space, `{o.MeshStepper}` in time; estimates use the observed order p capped at {o.FormalOrder:G3}. ")
          .Append("From three levels, p = log₂(d₁/d₂) with d₁, d₂ the coarser and finer successive differences (|ΔF| for F, the distance ")
          .Append("between the two levels' measures for MMD, W1 and ‖Δh‖, which are norms of the difference), and the finest level's error is ")
          .Append("estimated as d₂/(2^p − 1) (if the error is C h^p, the last difference is C h^p (2^p − 1) at the finest h). ")
          .Append("Where both differences are at round-off the levels agree and the estimate is the round-off level; where the differences ")
          .Append("otherwise do not decrease the error is unknown and nothing is fitted.\n\n");
        int diffs = o.Levels.Length - 1;
        sb.Append("| t | metric |");
        for (int l = 0; l < diffs; l++) sb.Append(Inv, $" d({l + 1},{l + 2}) |");
        sb.Append(" observed order | mesh error estimate |\n|---|---|").Append(string.Concat(Enumerable.Repeat("---|", diffs + 2))).Append('\n');
        foreach (var r in result.Refinement)
        {
            sb.Append(Inv, $"| {r.T:G6} | {r.Metric} |");
            foreach (var d in r.Differences) sb.Append(' ').Append(Num(d)).Append(" |");
            sb.Append(' ').Append(r.Estimate.AtRoundOff ? "levels agree to round-off" : double.IsFinite(r.Estimate.Order) ? r.Estimate.Order.ToString("F2", Inv) : "–")
              .Append(" | ").Append(Num(r.Estimate.Error)).Append(" |\n");
        }
        return sb.ToString();
    }

    private static string Num(double v) => double.IsFinite(v) ? v.ToString("E2", Inv) : "unknown";

    private static string Cell(Summary g, int k) =>
        double.IsNaN(g.Mean[k]) ? "–" : double.IsNaN(g.Se[k])
            ? g.Mean[k].ToString("E3", Inv)
            : $"{g.Mean[k].ToString("E3", Inv)} ± {g.Se[k].ToString("E1", Inv)}";
}

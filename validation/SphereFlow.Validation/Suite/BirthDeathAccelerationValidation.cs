using System.Text;
using ScottPlot;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Plots;
using static SphereFlow.Validation.Suite.SuiteRuns;

namespace SphereFlow.Validation.Suite;

/// <summary>
/// Birth–death acceleration (Rotskoff et al., ICML 2019; Bruna's slides): the figure-2 problem with the mass-conserving
/// flows, Wasserstein alone against Wasserstein with birth–death (deterministic weights, and Rotskoff's stochastic
/// kill/clone, and deterministic birth–death switched off part way as in their experiments), all from the same m particles
/// with total mass 7 (close to the mass the WFR flow reaches, so that the teacher can be fitted with mass conserved).
/// Reports F versus t and the time to reach F ≤ F(0)/20.
/// </summary>
public sealed class BirthDeathAccelerationValidation : IValidationCase
{
    /// <summary>Threshold F ≤ <see cref="Threshold"/>·F(0) for the time-to-reach.</summary>
    public const double Threshold = 0.05;

    /// <inheritdoc/>
    public string Name => "birth-death";

    /// <inheritdoc/>
    public string Title => "Birth–death acceleration: Wasserstein with and without birth–death (figure-2 problem)";

    /// <summary>First recorded time with F ≤ threshold·F(0), linearly interpolated in log F between rows (NaN if never).</summary>
    public static double TimeToReach(IReadOnlyList<SeriesRow> series, double fraction)
    {
        ArgumentNullException.ThrowIfNull(series);
        double target = fraction * series[0].Diagnostics.Energy;
        for (int k = 1; k < series.Count; k++)
        {
            double f1 = series[k].Diagnostics.Energy;
            if (f1 > target) continue;
            double f0 = series[k - 1].Diagnostics.Energy, t0 = series[k - 1].T, t1 = series[k].T;
            if (!(f0 > target) || !(f1 > 0)) return t1;
            return t0 + (t1 - t0) * Math.Log(f0 / target) / Math.Log(f0 / f1);
        }
        return double.NaN;
    }

    /// <inheritdoc/>
    public ValidationSection Run(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool quick = context.Quick;
        int m = quick ? 200 : 1000;
        double tEnd = quick ? 10 : 50;
        double until = quick ? 2 : 10;   // Rotskoff et al. switch birth–death off part way, then transport alone
        var origin = Load(context, "teacher2d-particles.yaml");
        var flow = origin.Flow;
        var ps = (ParticleSolverSpec)origin.Spec.Solver;
        ps = ps with { M = m, Init = ((UniformParticleInit)ps.Init) with { Mass = 7 }, TEnd = tEnd };
        var birthDeath = new FlowSpec(FlowKind.BirthDeath, 4, flow.Beta);
        var specs = new (string Label, string Sub, FlowSpec Flow, ParticleSolverSpec Solver)[]
        {
            ("Wasserstein (α = 0)", "wasserstein", new FlowSpec(FlowKind.Wasserstein, 0, flow.Beta), ps),
            ("birth–death, deterministic weights (α = 4)", "birth-death-deterministic", birthDeath, ps with { BirthDeath = new BirthDeathSpec() }),
            ("birth–death, stochastic kill/clone (α = 4)", "birth-death-stochastic", birthDeath, ps with { BirthDeath = new BirthDeathSpec(BirthDeathMode.Stochastic, Seed: 1) }),
            ($"birth–death (deterministic, α = 4) switched off at t = {G(until)}", "birth-death-until", birthDeath, ps with { BirthDeath = new BirthDeathSpec(Until: until) }),
        };
        var runs = new List<(string Label, IReadOnlyList<SeriesRow> Series)>();
        foreach (var s in specs)
        {
            var (_, r) = RunCase(context, origin, origin.Spec with { Flow = s.Flow, Solver = s.Solver, Output = origin.Spec.Output with { Every = 10 } }, s.Sub);
            runs.Add((s.Label, r.Simulation.Series));
        }
        NumericCsv.Write(context.File("energy.csv"), ["run", "t", "energy", "mass"],
            runs.SelectMany((x, i) => x.Series.Select(row => (IReadOnlyList<double>)[i + 1, row.T, row.Diagnostics.Energy, row.Diagnostics.Mass])));
        var plot = new Plot();
        foreach (var (label, series) in runs)
        {
            var sc = plot.Add.Scatter(series.Select(row => row.T).ToArray(), series.Select(row => Math.Log10(row.Diagnostics.Energy)).ToArray());
            sc.LegendText = label;
            sc.MarkerSize = 0;
        }
        plot.ShowLegend(Edge.Right);
        RunPlots.LogTicks(plot);
        plot.Title($"F(ν_t), m = {m} particles, mass 7");
        plot.XLabel("t");
        RunPlots.Save(context.File("energy.png"), plot, 900, 600);

        var md = new StringBuilder();
        md.Append($"m = {m} particles iid uniform on S^2 with total mass 7, RK4 with Δt = 0.05, to t = {tEnd}.\n\n")
          .Append($"| run | F(0) | F(t = {tEnd}) | time to F ≤ F(0)/20 |\n|---|---|---|---|\n");
        var reach = runs.Select(x => TimeToReach(x.Series, Threshold)).ToList();
        for (int i = 0; i < runs.Count; i++)
            md.Append($"| {runs[i].Label} | {E(runs[i].Series[0].Diagnostics.Energy)} | {E(runs[i].Series[^1].Diagnostics.Energy)} | {(double.IsNaN(reach[i]) ? "not reached" : G(reach[i]))} |\n");
        md.Append("\n![energy](birth-death/energy.png)\n\nData: `energy.csv` (run = row of the table), one run folder per row.\n");

        double fW = runs[0].Series[^1].Diagnostics.Energy, fB = runs[1].Series[^1].Diagnostics.Energy;
        var checks = new List<ValidationCheck>
        {
            new("final F, birth–death (deterministic) below Wasserstein", $"{E(fB)} vs {E(fW)}", "smaller", fB < fW),
        };
        if (!quick)
            checks.Add(new ValidationCheck("time to F ≤ F(0)/20, birth–death (deterministic) before Wasserstein", $"{G(reach[1])} vs {G(reach[0])}", "earlier",
                                           reach[1] < reach[0] || (!double.IsNaN(reach[1]) && double.IsNaN(reach[0]))));
        return new ValidationSection(Name, Title, md.ToString(), checks, 0);
    }
}

using System.Text;
using ScottPlot;
using SphereFlow.IO;
using SphereFlow.Problems;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Weights;
using SphereFlow.Plots;
using static SphereFlow.Validation.Suite.SuiteRuns;

namespace SphereFlow.Validation.Suite;

/// <summary>
/// Paper figure 3: online SGD (batch 100, learning rate 0.005, 10⁴ iterations) on the teacher–student problem in
/// k = 100 with m0 = 10, for several student widths m and independent repetitions (teacher, initialisation and batches
/// all reseeded); success when the exact population risk after training is below 10⁻³. Uses the bundled
/// <c>teacher-k100-sgd.yaml</c>, including its input-step scale (the paper's notebook; see that file).
/// </summary>
public sealed class Figure3Validation : IValidationCase
{
    /// <summary>Success threshold on the population risk.</summary>
    public const double Success = 1e-3;

    /// <inheritdoc/>
    public string Name => "figure3";

    /// <inheritdoc/>
    public string Title => "Paper figure 3: SGD success rate versus width m in k = 100";

    /// <inheritdoc/>
    public ValidationSection Run(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool quick = context.Quick;
        int[] ms = quick ? [5, 50] : [5, 10, 20, 50, 100];
        int reps = quick ? 1 : 5;
        double tEnd = quick ? 5 : 50;
        var origin = Load(context, "teacher-k100-sgd.yaml");
        var sgd = (SgdSolverSpec)origin.Spec.Solver;
        var teacher = (TeacherDataSpec)origin.Spec.Problem.Data;
        var rows = new List<(int M, int Rep, double Risk)>();
        foreach (int m in ms)
            for (int rep = 1; rep <= reps; rep++)
            {
                var spec = origin.Spec with
                {
                    Problem = origin.Spec.Problem with { Data = teacher with { Seed = rep } },
                    Solver = sgd with { M = m, TEnd = tEnd, Seed = rep, Init = ((UniformParticleInit)sgd.Init) with { Seed = rep } },
                    Output = origin.Spec.Output with { Every = 2000 },
                };
                var (_, r) = RunCase(context, origin, spec, $"m{m}-rep{rep}");
                rows.Add((m, rep, r.Simulation.Series[^1].Diagnostics.Energy));
            }
        NumericCsv.Write(context.File("figure3.csv"), ["m", "repetition", "risk", "success"],
            rows.Select(x => (IReadOnlyList<double>)[x.M, x.Rep, x.Risk, x.Risk < Success ? 1 : 0]));
        var rate = ms.Select(m => rows.Where(x => x.M == m).Average(x => x.Risk < Success ? 1.0 : 0.0)).ToArray();

        var risk = new Plot();
        var sc = risk.Add.ScatterPoints(rows.Select(x => (double)x.M).ToArray(), rows.Select(x => Math.Log10(x.Risk)).ToArray());
        sc.MarkerSize = 6;
        var line = risk.Add.HorizontalLine(Math.Log10(Success));
        line.LinePattern = LinePattern.Dashed;
        RunPlots.LogTicks(risk);
        risk.Title("Population risk after training");
        risk.XLabel("m");
        RunPlots.Save(context.File("risk.png"), risk, 700, 500);
        var bars = new Plot();
        bars.Add.Bars(ms.Select(m => (double)m).ToArray(), rate);
        bars.Title($"Success rate (risk < 1e-3) over {reps} repetition(s)");
        bars.XLabel("m");
        bars.Axes.SetLimitsY(0, 1.05);
        RunPlots.Save(context.File("success.png"), bars, 700, 500);

        var md = new StringBuilder();
        md.Append($"k = 100, m0 = 10, batch 100, γ = 0.005, {(quick ? "1,000" : "10,000")} iterations, {reps} repetition(s) per m ")
          .Append("(teacher, initial weights and batches reseeded together).\n\n| m | success rate | median risk |\n|---|---|---|\n");
        for (int i = 0; i < ms.Length; i++)
        {
            var r = rows.Where(x => x.M == ms[i]).Select(x => x.Risk).Order().ToList();
            md.Append($"| {ms[i]} | {rate[i]:P0} | {E(r[r.Count / 2])} |\n");
        }
        md.Append("\n![risk](figure3/risk.png) ![success](figure3/success.png)\n\nData: `figure3.csv`, one run folder per repetition.\n");
        var checks = new List<ValidationCheck>();
        if (quick)
        {
            var big = rows.Where(x => x.M == ms[^1]).Select(x => x.Risk).Max();
            checks.Add(new ValidationCheck($"population risk after training, m = {ms[^1]}", E(big), "< 0.5 (F(0) ≈ 1.6)", big < 0.5));
        }
        else
            checks.Add(new ValidationCheck($"success rate at m = {ms[^1]} (paper: tends to 1 as m grows)", $"{rate[^1]:P0}", "≥ 80%", rate[^1] >= 0.8));
        return new ValidationSection(Name, Title, md.ToString(), checks, 0);
    }
}

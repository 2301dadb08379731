using ScottPlot;
using SphereFlow.IO;
using SphereFlow.Solvers.Reference;
using SphereFlow.Validation.Plots;

namespace SphereFlow.Validation.FiniteVolume;

/// <summary>One row of the gap study.</summary>
/// <param name="T">Time.</param>
/// <param name="Energy">F(ν_t).</param>
/// <param name="Gap">F(ν_t) − F*.</param>
/// <param name="RelativeGap">(F(ν_t) − F*) / (F(ν_0) − F*).</param>
/// <param name="Mass">ν_t(S^d).</param>
public sealed record GapRow(double T, double Energy, double Gap, double RelativeGap, double Mass);

/// <summary>The outcome of <see cref="OptimalityGapStudy.Run"/>.</summary>
/// <param name="Reference">The convex optimum on the same mesh.</param>
/// <param name="Rows">The gap history.</param>
/// <param name="NearSupportFraction">Fraction of the final mesh mass within <see cref="OptimalityGapStudy.SupportRadius"/> of the optimum's support.</param>
public sealed record GapStudyResult(ConvexReferenceResult Reference, IReadOnlyList<GapRow> Rows, double NearSupportFraction);

/// <summary>
/// Runs a mesh case and compares F(ν_t) with the convex optimum F* on the same mesh (<see cref="ConvexReference"/>):
/// writes <c>gap.csv</c> (t, energy, gap, relative_gap, mass) and a log–log plot <c>gap.png</c>.
/// </summary>
public static class OptimalityGapStudy
{
    /// <summary>Geodesic radius around the optimum's support used for the concentration fraction.</summary>
    public const double SupportRadius = 0.15;

    /// <summary>Runs the study; <paramref name="outDir"/> may be null (no files).</summary>
    public static GapStudyResult Run(string casePath, string? outDir, int recordEvery = 10, params string[] overrides)
    {
        var c = MeshCase.Load(casePath, overrides);
        var reference = ConvexReference.Solve(c.Problem.Objective, c.Solver.Mesh);
        double fStar = reference.Energy, gap0 = c.Solver.Energy - fStar;
        var rows = new List<GapRow> { new(0, c.Solver.Energy, gap0, 1, c.Solver.Current.TotalMass) };
        while (c.Solver.Time < c.TEnd * (1 - 1e-12))
        {
            c.Solver.Advance(Math.Min(c.Dt, c.TEnd - c.Solver.Time));
            if (c.Solver.Steps % recordEvery == 0 || c.Solver.Time >= c.TEnd * (1 - 1e-12))
            {
                double e = c.Solver.Energy;
                rows.Add(new GapRow(c.Solver.Time, e, e - fStar, (e - fStar) / gap0, c.Solver.Current.TotalMass));
            }
        }
        var mesh = c.Solver.Mesh;
        double maxStar = reference.Masses.Max();
        var support = Enumerable.Range(0, mesh.CellCount).Where(k => reference.Masses[k] > 1e-3 * maxStar).ToArray();
        double near = 0, total = 0;
        for (int k = 0; k < mesh.CellCount; k++)
        {
            total += c.Solver.Masses[k];
            foreach (var s in support)
                if (SphereFlow.Geometry.Sphere.Distance(mesh.Center(k), mesh.Center(s)) < SupportRadius) { near += c.Solver.Masses[k]; break; }
        }
        var result = new GapStudyResult(reference, rows, total > 0 ? near / total : 0);
        if (outDir is not null) Write(outDir, result);
        return result;
    }

    private static void Write(string dir, GapStudyResult r)
    {
        Directory.CreateDirectory(dir);
        NumericCsv.Write(Path.Combine(dir, "gap.csv"), ["t", "energy", "gap", "relative_gap", "mass"],
                         r.Rows.Select(x => (IReadOnlyList<double>)[x.T, x.Energy, x.Gap, x.RelativeGap, x.Mass]));
        var keep = r.Rows.Where(x => x.T > 0 && x.Gap > 0).ToArray();
        var p = new Plot();
        p.Add.Scatter(keep.Select(x => Math.Log10(x.T)).ToArray(), keep.Select(x => Math.Log10(x.RelativeGap)).ToArray());
        RunPlots.LogTicks(p);
        p.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = v => $"1e{v:0}" };
        p.Title($"(F(ν_t) − F*) / (F(ν_0) − F*), F* = {r.Reference.Energy:G6} (gap {r.Reference.Gap:E1})");
        p.XLabel("t"); p.YLabel("relative optimality gap");
        RunPlots.Save(Path.Combine(dir, "gap.png"), p);
    }
}

using ScottPlot;
using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Solvers.Reference;
using SphereFlow.Plots;

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
        var c = CaseReader.Load(casePath, overrides);
        if (c.Solver is not MeshSolver solver) throw new InputException($"{casePath}: solver.kind: expected a mesh case");
        var objective = c.Problem.SampledFunctional ?? throw new InputException(
            $"{casePath}: problem.data.sampling: population — the solvers minimise the exact population risk, and F* (the convex optimum on the mesh) exists only for a sampled objective; use sampling: quadrature or montecarlo");
        var reference = ConvexReference.Solve(objective, solver.Mesh);
        double fStar = reference.Energy;
        // The standard run loop: a series row every recordEvery steps, plus the first and the last.
        var sim = c.CreateSimulation(recordEvery);
        sim.Run();
        double gap0 = sim.Series[0].Diagnostics.Energy - fStar;
        var rows = sim.Series.Select(r => new GapRow(r.T, r.Diagnostics.Energy, r.Diagnostics.Energy - fStar,
                                                     (r.Diagnostics.Energy - fStar) / gap0, r.Diagnostics.Mass)).ToList();
        var mesh = solver.Mesh;
        double maxStar = reference.Masses.Max();
        var support = Enumerable.Range(0, mesh.CellCount).Where(k => reference.Masses[k] > 1e-3 * maxStar).ToArray();
        double near = 0, total = 0;
        for (int k = 0; k < mesh.CellCount; k++)
        {
            total += solver.Masses[k];
            foreach (var s in support)
                if (SphereFlow.Geometry.Sphere.Distance(mesh.Center(k), mesh.Center(s)) < SupportRadius) { near += solver.Masses[k]; break; }
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
        RunPlots.LogTicksX(p);
        p.Title($"(F(ν_t) − F*) / (F(ν_0) − F*), F* = {r.Reference.Energy:G6} (gap {r.Reference.Gap:E1})");
        p.XLabel("t"); p.YLabel("relative optimality gap");
        RunPlots.Save(Path.Combine(dir, "gap.png"), p);
    }
}

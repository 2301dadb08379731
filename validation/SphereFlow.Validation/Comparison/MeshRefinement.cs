using System.Globalization;
using SphereFlow.Meshes;
using SphereFlow.Validation.Statistics;

namespace SphereFlow.Validation.Comparison;

/// <summary>The mesh reference on one refinement level.</summary>
/// <param name="Label">The mesh, in words (e.g. "icosahedral level 5", "2048 arcs").</param>
/// <param name="Cells">Cell count.</param>
/// <param name="DtCap">Its Δt cap (the case's dt on the finest level, doubled per coarser level, so that Δt ∝ h).</param>
/// <param name="Steps">Steps to the last comparison time.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
/// <param name="Snapshots">The solution at the comparison times.</param>
public sealed record MeshLevel(string Label, int Cells, double DtCap, long Steps, double WallSeconds, IReadOnlyList<MeshSnapshot> Snapshots);

/// <summary>The refinement study of one metric at one time: the differences between successive levels and the estimate of the finest level's error.</summary>
/// <param name="T">Time.</param>
/// <param name="Metric">A name of <see cref="ComparisonStudy.Metrics"/>.</param>
/// <param name="Differences">d(level ℓ, level ℓ + 1), coarse to fine (|F_ℓ − F_{ℓ+1}| for the energy).</param>
/// <param name="Estimate">Observed order and error estimate of the finest level from the last two differences.</param>
public sealed record RefinementRow(double T, string Metric, double[] Differences, RichardsonEstimate Estimate);

/// <summary>
/// The refinement study of a comparison's mesh reference: the case's mesh is the finest level, each coarser level halves the
/// resolution (one level less, or half the arcs on S^1) and doubles the Δt cap, so that space and time errors both scale
/// with h. For every comparison time and metric the successive differences give the observed order and a Richardson
/// estimate of the finest level's error (<see cref="RichardsonEstimate"/>).
/// </summary>
public static class MeshRefinement
{
    /// <summary>The mesh <paramref name="steps"/> refinements coarser than <paramref name="mesh"/> (h × 2^steps); bad input names the limit.</summary>
    public static MeshSpec Coarser(MeshSpec mesh, int steps)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (steps == 0) return mesh;
        if (mesh.ByCells)
        {
            int cells = mesh.Cells ?? MeshSpec.DefaultCells, factor = 1 << steps;
            if (cells % factor != 0 || cells / factor < 3)
                throw new ArgumentException($"--refinement: {cells} arcs cannot be halved {steps} time(s) into ≥ 3 equal arcs (use a cell count divisible by {factor})");
            return mesh with { Cells = cells / factor };
        }
        int level = mesh.Level ?? 0;
        if (level - steps < 0)
            throw new ArgumentException($"--refinement: the mesh ({mesh.Kind} level {level}) has no level {level - steps}; refine the case's mesh or use fewer levels");
        return mesh with { Level = level - steps };
    }

    /// <summary>The mesh in words.</summary>
    public static string Describe(MeshSpec mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        return mesh.ByCells ? $"{(mesh.Cells ?? MeshSpec.DefaultCells).ToString(CultureInfo.InvariantCulture)} arcs" : $"{mesh.Kind} level {mesh.Level}";
    }

    /// <summary>
    /// The refinement rows of every time and metric (levels coarse to fine, at least three): <paramref name="distance"/>
    /// gives a metric's value between two snapshots (NaN when it does not apply) and its round-off level.
    /// </summary>
    public static IReadOnlyList<RefinementRow> Rows(IReadOnlyList<MeshLevel> levels, IReadOnlyList<string> metrics,
                                                    Func<MeshSnapshot, MeshSnapshot, string, (double Value, double RoundOff)> distance, double maxOrder)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(distance);
        if (levels.Count < 3) throw new ArgumentException("a refinement study needs at least three levels");
        var rows = new List<RefinementRow>();
        var finest = levels[^1].Snapshots;
        for (int k = 0; k < finest.Count; k++)
            foreach (var metric in metrics)
            {
                var d = new double[levels.Count - 1];
                double roundOff = 0;
                for (int l = 0; l + 1 < levels.Count; l++)
                {
                    var (value, floor) = distance(levels[l].Snapshots[k], levels[l + 1].Snapshots[k], metric);
                    d[l] = value;
                    if (l + 3 >= levels.Count) roundOff = Math.Max(roundOff, floor);
                }
                if (d.All(double.IsNaN)) continue;
                rows.Add(new RefinementRow(finest[k].T, metric, d, RichardsonEstimate.FromDifferences(d[^2], d[^1], maxOrder, roundOff)));
            }
        return rows;
    }
}

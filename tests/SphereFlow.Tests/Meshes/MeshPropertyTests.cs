using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SphereFlow.Geometry;
using SphereFlow.Meshes;

namespace SphereFlow.Tests.Meshes;

/// <summary>Property tests: cell areas by an independent formula under random rotations; location commutes with rotation.</summary>
public sealed class MeshPropertyTests
{
    /// <summary>A random rotation of R^3 (Gram–Schmidt of a Gaussian matrix, determinant +1), row-major.</summary>
    private static double[] Rotation(int seed)
    {
        var rng = new Random(seed);
        var r = new double[9];
        for (int i = 0; i < 3; i++)
        {
            var row = r.AsSpan(3 * i, 3);
            do
            {
                for (int c = 0; c < 3; c++) row[c] = Sphere.Gaussian(rng);
                for (int j = 0; j < i; j++)
                {
                    double dot = Sphere.Dot(row, r.AsSpan(3 * j, 3));
                    for (int c = 0; c < 3; c++) row[c] -= dot * r[3 * j + c];
                }
            } while (Sphere.Norm(row) < 1e-3);
            Sphere.Normalize(row);
        }
        double det = r[0] * (r[4] * r[8] - r[5] * r[7]) - r[1] * (r[3] * r[8] - r[5] * r[6]) + r[2] * (r[3] * r[7] - r[4] * r[6]);
        if (det < 0) for (int c = 0; c < 3; c++) r[6 + c] = -r[6 + c];
        return r;
    }

    private static void Apply(double[] r, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < 3; i++) y[i] = r[3 * i] * x[0] + r[3 * i + 1] * x[1] + r[3 * i + 2] * x[2];
    }

    /// <summary>
    /// Every Voronoi cell of the rotated mesh has the stored area: Girard's spherical excess of the rotated corners (a formula
    /// independent of the mesh code's triangle areas, and of the orientation), to 1e-12 relative; the areas sum to 4π.
    /// </summary>
    [Property(MaxTest = 20)]
    public Property Rotated_cells_have_their_stored_areas_by_girards_theorem() => Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
    {
        var m = MeshTestSupport.Get("icosahedral", 2, 2);
        var pg = m.Polygons!;
        var r = Rotation(seed);
        double total = 0, worst = 0;
        for (int k = 0; k < m.CellCount; k++)
        {
            int s = pg.CellStart[k], n = pg.CellStart[k + 1] - s;
            var corners = new List<double[]>();
            for (int i = 0; i < n; i++)
            {
                var c = new double[3];
                Apply(r, pg.Vertices.AsSpan(3 * pg.CellVertices[s + i], 3), c);
                corners.Add(c);
            }
            double a = GirardArea.Of(corners);
            worst = Math.Max(worst, Math.Abs(a - m.CellMeasures[k]) / m.CellMeasures[k]);
            total += a;
        }
        return (worst < 1e-12 && Math.Abs(total - 4 * Math.PI) < 1e-12).Label($"worst relative area difference {worst:E2}, total {total:R}");
    });

    /// <summary>Rotating a point and the mesh's centres together: the nearest centre of the rotated point is the rotated nearest centre.</summary>
    [Property(MaxTest = 100)]
    public Property Location_commutes_with_rotation_of_the_mesh() => Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
    {
        var m = MeshTestSupport.Get("icosahedral", 2, 3);
        var r = Rotation(seed);
        var p = new double[3];
        Sphere.SampleUniform(new Random(seed ^ 0x5bd1e995), p);
        int k = m.Locate(p);
        var rp = new double[3]; var rc = new double[3];
        Apply(r, p, rp);
        double best = double.NegativeInfinity; int arg = -1;
        for (int j = 0; j < m.CellCount; j++)
        {
            Apply(r, m.Center(j), rc);
            double dot = Sphere.Dot(rc, rp);
            if (dot > best) { best = dot; arg = j; }
        }
        Apply(r, m.Center(k), rc);
        return arg == k || Sphere.Dot(rc, rp) >= best - 1e-13;
    });
}

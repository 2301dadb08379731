using SphereFlow.Geometry;
using SphereFlow.Meshes;
using Xunit;
using Xunit.Abstractions;

namespace SphereFlow.Tests.Meshes;

/// <summary>The icosahedral Voronoi grid: cell counts, area uniformity, exact areas, SCVT relaxation.</summary>
public sealed class IcosahedralMeshTests(ITestOutputHelper output)
{
    [Fact]
    public void Cell_count_is_10_4L_plus_2_for_levels_0_to_5()
    {
        for (int l = 0; l <= 5; l++)
        {
            var m = MeshTestSupport.Get("icosahedral", 2, l);
            Assert.Equal(10 * (int)Math.Pow(4, l) + 2, m.CellCount);
            // Euler: V − E + F = 2 with F = Voronoi corners = triangles = 20·4^L.
            Assert.Equal(3 * (m.CellCount - 2), m.FaceEntryCount / 2);
            Assert.NotNull(m.Polygons);
            Assert.Equal(20 * (int)Math.Pow(4, l), m.Polygons!.Vertices.Length / 3);
        }
    }

    /// <summary>Area ratio max/min |K|, measured: 1, 1.1296, 1.1873, 1.3099, 1.3483, 1.3585 for L = 0..5 (1.3611, 1.3618 at L = 6, 7; see meshes/README.md).</summary>
    [Fact]
    public void Area_ratio_is_bounded_and_12_pentagons()
    {
        output.WriteLine("level  cells  min|K|  max|K|  max/min");
        for (int l = 0; l <= 5; l++)
        {
            var m = MeshTestSupport.Get("icosahedral", 2, l);
            var q = MeshQuality.Compute(m);
            output.WriteLine($"{l}  {q.CellCount}  {q.MinCellMeasure:E4}  {q.MaxCellMeasure:E4}  {q.MeasureRatio:F4}");
            Assert.True(q.MeasureRatio < 1.4, $"level {l}: area ratio {q.MeasureRatio}");
            int pentagons = Enumerable.Range(0, m.CellCount).Count(k => m.FaceStart[k + 1] - m.FaceStart[k] == 5);
            Assert.Equal(12, pentagons);
            Assert.Equal(5, q.MinFacesPerCell);
            Assert.Equal(l == 0 ? 5 : 6, q.MaxFacesPerCell);
        }
    }

    [Fact]
    public void Level_0_cells_are_the_exact_regular_pentagons()
    {
        var m = MeshTestSupport.Get("icosahedral", 2, 0);
        foreach (var a in m.CellMeasures) Assert.Equal(Math.PI / 3, a, 14);
        // Dodecahedron edge (arc between adjacent face centres of the icosahedron) and icosahedron edge.
        double edge = Math.Acos(Math.Sqrt(5) / 3), ico = Math.Atan(2.0);
        foreach (var f in m.FaceMeasures) Assert.Equal(edge, f, 13);
        foreach (var d in m.CenterDistances) Assert.Equal(ico, d, 13);
    }

    /// <summary>
    /// The stored areas equal Girard's spherical excess of the stored corners (an independent formula, 1e-12 relative), and
    /// the corners are the Voronoi corners (equidistant from the cell's generator and its neighbours).
    /// </summary>
    [Fact]
    public void Polygon_areas_are_the_spherical_excess_of_the_stored_corners()
    {
        var m = MeshTestSupport.Get("icosahedral", 2, 3);
        var pg = m.Polygons!;
        for (int k = 0; k < m.CellCount; k++)
        {
            int s = pg.CellStart[k], n = pg.CellStart[k + 1] - s;
            var corners = Enumerable.Range(0, n).Select(i => pg.Vertices.AsSpan(3 * pg.CellVertices[s + i], 3).ToArray()).ToList();
            double area = GirardArea.Of(corners);
            Assert.True(Math.Abs(m.CellMeasures[k] - area) <= 1e-12 * area, $"cell {k}: stored {m.CellMeasures[k]:R}, Girard {area:R}");
            // Every corner is equidistant from the generator and the neighbours sharing it (Voronoi property).
            for (int e = m.FaceStart[k]; e < m.FaceStart[k + 1]; e++)
            {
                int i = e - m.FaceStart[k];
                var c = pg.Vertices.AsSpan(3 * pg.CellVertices[s + i], 3);
                var c2 = pg.Vertices.AsSpan(3 * pg.CellVertices[s + (i + 1) % n], 3);
                var l = m.Center(m.Neighbors[e]);
                Assert.Equal(Sphere.Distance(c, m.Center(k)), Sphere.Distance(c, l), 13);
                Assert.Equal(Sphere.Distance(c2, m.Center(k)), Sphere.Distance(c2, l), 13);
                Assert.Equal(m.FaceMeasures[e], Sphere.Distance(c, c2), 14);
            }
        }
    }

    /// <summary>
    /// Monte Carlo with a stated error: N = 400,000 uniform points, each assigned to its nearest centre (the Voronoi cell, by
    /// <see cref="SphereMesh.Locate"/>); the count of cell K is binomial(N, |K|/4π), and every count lies within 5 standard
    /// errors of N|K|/4π (162 cells at level 2: a false alarm has probability below 1e-4). Independent of how areas are computed.
    /// </summary>
    [Fact]
    public void Stored_areas_match_a_monte_carlo_estimate_of_the_voronoi_regions()
    {
        var m = MeshTestSupport.Get("icosahedral", 2, 2);
        const int n = 400_000;
        var counts = new int[m.CellCount];
        var rng = new Random(20261129);
        var p = new double[3];
        for (int i = 0; i < n; i++) { Sphere.SampleUniform(rng, p); counts[m.Locate(p)]++; }
        double worst = 0;
        for (int k = 0; k < m.CellCount; k++)
        {
            double prob = m.CellMeasures[k] / (4 * Math.PI), se = Math.Sqrt(n * prob * (1 - prob));
            worst = Math.Max(worst, Math.Abs(counts[k] - n * prob) / se);
        }
        output.WriteLine($"largest deviation of a cell count from N|K|/4π: {worst:F2} standard errors");
        Assert.True(worst <= 5, $"{worst:F2} standard errors");
    }

    [Fact]
    public void Scvt_moves_generators_toward_centroids()
    {
        static double MaxOffset(SphereMesh m)
        {
            // Offset between generator and the normalised centroid ½ Σ θ_e N_e of its Voronoi polygon.
            var pg = m.Polygons!;
            double worst = 0;
            Span<double> s = stackalloc double[3];
            for (int k = 0; k < m.CellCount; k++)
            {
                s.Clear();
                int st = pg.CellStart[k], n = pg.CellStart[k + 1] - st;
                for (int i = 0; i < n; i++)
                {
                    var p = pg.Vertices.AsSpan(3 * pg.CellVertices[st + i], 3);
                    var q = pg.Vertices.AsSpan(3 * pg.CellVertices[st + (i + 1) % n], 3);
                    double nx = p[1] * q[2] - p[2] * q[1], ny = p[2] * q[0] - p[0] * q[2], nz = p[0] * q[1] - p[1] * q[0];
                    double w = Sphere.Distance(p, q) / Math.Sqrt(nx * nx + ny * ny + nz * nz);
                    s[0] += w * nx; s[1] += w * ny; s[2] += w * nz;
                }
                Sphere.Normalize(s);
                worst = Math.Max(worst, Sphere.Distance(s, m.Center(k)));
            }
            return worst;
        }
        var plain = MeshTestSupport.Get("icosahedral", 2, 4);
        var scvt = MeshTestSupport.Get("icosahedral-scvt", 2, 4);
        double a = MaxOffset(plain), b = MaxOffset(scvt);
        output.WriteLine($"level 4: max generator–centroid offset {a:E3} (plain) vs {b:E3} (SCVT, {MeshKinds.ScvtIterations} Lloyd steps)");
        Assert.True(b < a / 5, $"SCVT offset {b} not much below plain {a}");
        Assert.Equal(plain.CellCount, scvt.CellCount);
    }
}

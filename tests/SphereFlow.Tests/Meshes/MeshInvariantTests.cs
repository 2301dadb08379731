using SphereFlow.Geometry;
using SphereFlow.Meshes;
using Xunit;
using Xunit.Abstractions;

namespace SphereFlow.Tests.Meshes;

/// <summary>Invariants every registered mesh must satisfy, over every kind, supported dimension and several levels.</summary>
public sealed class MeshInvariantTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> All() => MeshTestSupport.Cases();

    [Fact]
    public void Registry_covers_every_kind_and_is_not_empty()
    {
        var cases = MeshTestSupport.Levels().ToList();
        foreach (var name in MeshKinds.Names) Assert.Contains(cases, c => c.Kind == name);
        Assert.Equal(["uniform", "icosahedral", "icosahedral-scvt", "latlong", "hyperspherical"], MeshKinds.Names);
        Assert.True(cases.Count >= 20, $"only {cases.Count} registry cases");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Total_measure_is_the_sphere_area(string kind, int d, int level)
    {
        var m = MeshTestSupport.Get(kind, d, level);
        Assert.Equal(d + 1, m.AmbientDim);
        Assert.Equal(kind, m.Kind);
        double area = Sphere.SurfaceArea(d);
        Assert.True(Math.Abs(m.TotalMeasure - area) <= 1e-10 * area, $"{kind} d={d} L={level}: Σ|K| = {m.TotalMeasure:R}, |S^{d}| = {area:R}");
        Assert.All(m.CellMeasures, v => Assert.True(v > 0 && double.IsFinite(v)));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Faces_are_symmetric_and_positive(string kind, int d, int level)
    {
        var m = MeshTestSupport.Get(kind, d, level);
        for (int k = 0; k < m.CellCount; k++)
        {
            Assert.True(m.FaceStart[k + 1] > m.FaceStart[k], $"cell {k} has no face");
            for (int e = m.FaceStart[k]; e < m.FaceStart[k + 1]; e++)
            {
                int o = m.Opposite[e];
                Assert.Equal(k, m.Neighbors[o]);
                Assert.True(m.FaceMeasures[e] > 0, $"{kind}: face {k}→{m.Neighbors[e]} has measure {m.FaceMeasures[e]}");
                Assert.True(m.CenterDistances[e] > 0);
                Assert.True(Math.Abs(m.FaceMeasures[e] - m.FaceMeasures[o]) <= 1e-13 * m.FaceMeasures[e], $"{kind}: |σ| differs across face {k}|{m.Neighbors[e]}");
                Assert.True(Math.Abs(m.CenterDistances[e] - m.CenterDistances[o]) <= 1e-13 * m.CenterDistances[e], $"{kind}: d_σ differs across face {k}|{m.Neighbors[e]}");
                double geo = Sphere.Distance(m.Center(k), m.Center(m.Neighbors[e]));
                Assert.True(Math.Abs(geo - m.CenterDistances[e]) <= 1e-13, "d_σ is not the geodesic distance of the centres");
            }
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Centres_are_unit_vectors_and_faces_orthogonal(string kind, int d, int level)
    {
        var m = MeshTestSupport.Get(kind, d, level);
        for (int k = 0; k < m.CellCount; k++) Assert.True(Math.Abs(Sphere.Norm(m.Center(k)) - 1) <= 1e-14, $"centre {k} not a unit vector");
        var q = MeshQuality.Compute(m);
        Assert.Equal(m.CellCount, q.CellCount);
        Assert.Equal(m.FaceEntryCount, 2 * q.FaceCount);
        Assert.True(q.MaxOrthogonalityDefectDegrees < 1e-8, $"{kind} d={d} L={level}: orthogonality defect {q.MaxOrthogonalityDefectDegrees}°");
        Assert.True(q.RelativeMeasureError < 1e-10);
    }

    /// <summary>
    /// Closure Σ_σ |σ| t_σ ≈ 0 (t_σ the unit log-map direction at the centre toward the neighbour), relative to Σ|σ|.
    /// On a curved cell it is not exactly 0 (for a Voronoi cell P_K Σ ℓ_σ m_σ = −2 P_K ∫_K η exactly), but it must be
    /// small and fall at least 3× per level. Measured: icosahedral 8.2e-4, 2.1e-4, 5.1e-5, 1.3e-5 (L2..L5, ratio 4);
    /// latlong and hyperspherical S^2 ratio 8; hyperspherical S^3 1.7e-2, 2.9e-3, 4.2e-4 (L0..L2).
    /// </summary>
    [Fact]
    public void Closure_residual_is_small_and_falls_with_refinement()
    {
        foreach (var group in MeshTestSupport.Levels().GroupBy(c => (c.Kind, c.SphereDim)))
        {
            double prev = double.NaN;
            foreach (var (kind, d, level) in group)
            {
                double r = MeshTestSupport.ClosureResidual(MeshTestSupport.Get(kind, d, level));
                output.WriteLine($"{kind,-18} d={d} L={level}  closure residual {r:E3}");
                Assert.True(r < 0.05, $"{kind} d={d} L={level}: closure residual {r}");
                if (prev > 1e-12 && r > 1e-12) Assert.True(r <= prev / 3, $"{kind} d={d} L={level}: closure residual {r} did not fall 3× from {prev}");
                prev = r;
            }
        }
    }

    [Fact]
    public void Hyperspherical_S1_coincides_with_uniform_arcs()
    {
        for (int l = 0; l <= 3; l++)
        {
            var u = MeshKinds.Create("uniform", 1, l);
            var h = MeshKinds.Create("hyperspherical", 1, l);
            Assert.Equal(8 << l, u.CellCount);
            Assert.Equal(u.CellCount, h.CellCount);
            for (int i = 0; i < u.Centers.Length; i++) Assert.Equal(u.Centers[i], h.Centers[i], 14);
            for (int k = 0; k < u.CellCount; k++) Assert.Equal(u.CellMeasures[k], h.CellMeasures[k], 14);
        }
    }

    [Fact]
    public void Hyperspherical_total_measure_in_higher_dimensions()
    {
        for (int d = 1; d <= 7; d++)
        {
            var m = MeshKinds.Create("hyperspherical", d, 0);
            double area = Sphere.SurfaceArea(d);
            Assert.True(Math.Abs(m.TotalMeasure - area) <= 1e-10 * area, $"d = {d}: {m.TotalMeasure} vs {area}");
        }
    }

    [Fact]
    public void Sin_power_integrals_match_quadrature()
    {
        for (int p = 0; p <= 9; p++)
        {
            double a = 0.3, b = 1.9;
            // Composite Simpson with many panels as an independent reference.
            int n = 20000;
            double h = (b - a) / n, s = 0;
            for (int i = 0; i <= n; i++) s += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * Math.Pow(Math.Sin(a + i * h), p);
            Assert.Equal(s * h / 3, HypersphericalMesh.SinPowerIntegral(p, a, b), 12);
        }
    }

    [Fact]
    public void Registry_rejects_bad_input()
    {
        Assert.Throws<ArgumentException>(() => MeshKinds.Create("nope", 2, 0));
        Assert.Throws<ArgumentException>(() => MeshKinds.Create("icosahedral", 3, 0));
        Assert.Throws<ArgumentException>(() => MeshKinds.Create("icosahedral", 2, 9));
        Assert.Throws<ArgumentException>(() => MeshKinds.Create("latlong", 2, -1));
        Assert.Throws<ArgumentException>(() => MeshKinds.Create("uniform", 2, 0));
        Assert.Throws<ArgumentException>(() => MeshKinds.Create("hyperspherical", 0, 0));
        Assert.Throws<ArgumentException>(() => MeshKinds.Create("hyperspherical", 40, 0));
        Assert.True(MeshKinds.Supports("hyperspherical", 5));
        Assert.False(MeshKinds.Supports("latlong", 3));
    }
}

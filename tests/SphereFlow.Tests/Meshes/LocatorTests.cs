using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SphereFlow.Geometry;
using SphereFlow.Meshes;
using Xunit;

namespace SphereFlow.Tests.Meshes;

/// <summary>Point location: nearest centre on Voronoi meshes, containing coordinate box on the others.</summary>
public sealed class LocatorTests
{
    private static readonly (string Kind, int SphereDim, int Level)[] Meshes =
    [
        ("uniform", 1, 3), ("icosahedral", 2, 0), ("icosahedral", 2, 3), ("icosahedral", 2, 5), ("icosahedral-scvt", 2, 3),
        ("latlong", 2, 0), ("latlong", 2, 3), ("hyperspherical", 1, 2), ("hyperspherical", 2, 2), ("hyperspherical", 3, 1), ("hyperspherical", 4, 0),
    ];

    private static bool Check(string kind, int d, int level, double[] p)
    {
        var m = MeshTestSupport.Get(kind, d, level);
        int k = m.Locate(p);
        if ((uint)k >= (uint)m.CellCount) return false;
        if (MeshKinds.Get(kind).IsVoronoi)
        {
            double best = double.NegativeInfinity;
            for (int j = 0; j < m.CellCount; j++) best = Math.Max(best, Sphere.Dot(m.Center(j), p));
            return Sphere.Dot(m.Center(k), p) >= best - 1e-14;
        }
        if (kind == "hyperspherical")
        {
            // Every angle of p lies within half a spacing of the centre's angle (periodic for the last one).
            double h = Math.PI / HypersphericalMesh.Divisions(level);
            var a = new double[d]; var c = new double[d];
            HypersphericalMesh.Angles(p, a);
            HypersphericalMesh.Angles(m.Center(k), c);
            for (int i = 0; i < d; i++)
            {
                double diff = Math.Abs(a[i] - c[i]);
                if (i == d - 1) diff = Math.Min(diff, 2 * Math.PI - diff);
                if (diff > h / 2 + 1e-12) return false;
            }
            return true;
        }
        if (kind == "latlong")
        {
            int nt = LatLongMesh.Bands(level);
            double dt = Math.PI / nt, dp = Math.PI / nt;
            double th = Math.Acos(Math.Clamp(p[2], -1, 1)), thc = Math.Acos(Math.Clamp(m.Center(k)[2], -1, 1));
            if (k == 0) return th <= dt + 1e-12;
            if (k == m.CellCount - 1) return th >= Math.PI - dt - 1e-12;
            double ph = Math.Atan2(p[1], p[0]), phc = Math.Atan2(m.Center(k)[1], m.Center(k)[0]);
            double dph = Math.Abs(ph - phc); dph = Math.Min(dph, 2 * Math.PI - dph);
            return Math.Abs(th - thc) <= dt / 2 + 1e-12 && dph <= dp / 2 + 1e-12;
        }
        throw new InvalidOperationException($"no location check for kind {kind}");
    }

    [Property(MaxTest = 300)]
    public Property Located_cell_contains_the_point() =>
        Prop.ForAll(Gen.Choose(0, Meshes.Length - 1).Zip(ArbMap.Default.GeneratorFor<int>()).ToArbitrary(), t =>
        {
            var (kind, d, level) = Meshes[t.Item1];
            var p = new double[d + 1];
            Sphere.SampleUniform(new Random(t.Item2), p);
            return Check(kind, d, level, p);
        });

    [Fact]
    public void Every_kind_has_a_location_check_and_centres_locate_to_themselves()
    {
        foreach (var (kind, d, level) in MeshTestSupport.Levels().Where(c => c.Level <= 2))
        {
            var m = MeshTestSupport.Get(kind, d, level);
            Assert.NotNull(m.Locator);
            for (int k = 0; k < m.CellCount; k++) Assert.Equal(k, m.Locate(m.Center(k)));
            var rng = new Random(7);
            var p = new double[d + 1];
            for (int i = 0; i < 200; i++)
            {
                Sphere.SampleUniform(rng, p);
                Assert.True(Check(kind, d, level, p), $"{kind} d={d} L={level}: point {i} located in the wrong cell");
            }
        }
    }
}

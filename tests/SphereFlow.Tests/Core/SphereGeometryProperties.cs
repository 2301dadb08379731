using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Geometry;
using SphereFlow.IO;
using SphereFlow.Measures;

namespace SphereFlow.Tests.Core;

/// <summary>Property tests of the sphere geometry and of the measure CSV round trip over random inputs.</summary>
public class SphereGeometryProperties
{
    private static Arbitrary<(int AmbientDim, int Seed)> Points() =>
        Gen.Choose(2, 12).SelectMany(d => Gen.Choose(0, int.MaxValue - 1).Select(s => (d, s))).ToArbitrary();

    private static double[] RandomPoint(int dim, Random rng)
    {
        var p = new double[dim];
        Sphere.SampleUniform(rng, p);
        return p;
    }

    [Property(MaxTest = 200)]
    public Property Distance_is_a_symmetric_angle_in_zero_pi() => Prop.ForAll(Points(), t =>
    {
        var rng = new Random(t.Seed);
        var a = RandomPoint(t.AmbientDim, rng);
        var b = RandomPoint(t.AmbientDim, rng);
        double d = Sphere.Distance(a, b);
        double viaAcos = Math.Acos(Math.Clamp(Sphere.Dot(a, b), -1, 1));
        return d >= 0 && d <= Math.PI && d == Sphere.Distance(b, a) && Math.Abs(d - viaAcos) < 1e-7 && Sphere.Distance(a, a) == 0;
    });

    [Property(MaxTest = 200)]
    public Property Exponential_map_moves_by_the_tangent_norm_and_stays_on_the_sphere() => Prop.ForAll(Points(), t =>
    {
        var rng = new Random(t.Seed);
        var eta = RandomPoint(t.AmbientDim, rng);
        var v = new double[t.AmbientDim];
        for (int c = 0; c < t.AmbientDim; c++) v[c] = Sphere.Gaussian(rng);
        Sphere.ProjectTangent(eta, v);
        double len = 3.0 * rng.NextDouble() / Math.Max(Sphere.Norm(v), 1e-300);
        for (int c = 0; c < t.AmbientDim; c++) v[c] *= len;   // |v| ∈ [0, 3) < π
        var moved = (double[])eta.Clone();
        Sphere.ExpMap(moved, v);
        return Math.Abs(Sphere.Norm(moved) - 1) < 1e-14 && Math.Abs(Sphere.Distance(eta, moved) - Sphere.Norm(v)) < 1e-12;
    });

    [Property(MaxTest = 200)]
    public Property Tangent_projection_is_idempotent_and_orthogonal() => Prop.ForAll(Points(), t =>
    {
        var rng = new Random(t.Seed);
        var eta = RandomPoint(t.AmbientDim, rng);
        var v = new double[t.AmbientDim];
        for (int c = 0; c < t.AmbientDim; c++) v[c] = 10 * Sphere.Gaussian(rng);
        Sphere.ProjectTangent(eta, v);
        var w = (double[])v.Clone();
        Sphere.ProjectTangent(eta, w);
        double diff = 0;
        for (int c = 0; c < t.AmbientDim; c++) diff = Math.Max(diff, Math.Abs(v[c] - w[c]));
        return Math.Abs(Sphere.Dot(eta, v)) < 1e-13 * (1 + Sphere.Norm(v)) && diff < 1e-13 * (1 + Sphere.Norm(v));
    });

    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(1, 2 * Math.PI)]
    [InlineData(2, 4 * Math.PI)]
    [InlineData(3, 2 * Math.PI * Math.PI)]
    [InlineData(4, 8 * Math.PI * Math.PI / 3)]
    public void Surface_area_matches_closed_forms(int d, double expected) =>
        Assert.Equal(expected, Sphere.SurfaceArea(d), 1e-13 * expected);

    [Property(MaxTest = 50)]
    public Property Measure_csv_round_trips_bit_for_bit() => Prop.ForAll(Points(), t =>
    {
        var rng = new Random(t.Seed);
        var nu = new Measure(t.AmbientDim, 1 + rng.Next(20));
        for (int j = 0; j < nu.Count; j++)
        {
            nu.Mass[j] = rng.NextDouble() * Math.Pow(10, rng.Next(-300, 300));
            Sphere.SampleUniform(rng, nu.Point(j));
        }
        string path = Path.Combine(Path.GetTempPath(), $"sf-measure-{Guid.NewGuid():N}.csv");
        try
        {
            MeasureCsv.Write(path, nu);
            var back = MeasureCsv.Read(path, t.AmbientDim);
            // Points are renormalised on reading: equal to the last ulps; masses exactly.
            bool massesEqual = nu.Mass.SequenceEqual(back.Mass);
            double maxPointDiff = nu.Points.Zip(back.Points, (x, y) => Math.Abs(x - y)).Max();
            return massesEqual && maxPointDiff < 4e-16;
        }
        finally { File.Delete(path); }
    });
}

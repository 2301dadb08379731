using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Features;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Core;

/// <summary>Every registered feature map: values, gradients and the first variation against independent computations.</summary>
public class FeatureMapTests
{
    public static TheoryData<string> AllMaps() => new(FeatureMaps.Names);

    [Fact]
    public void Registry_holds_the_four_design_maps()
    {
        Assert.Subset(FeatureMaps.Names.ToHashSet(), new HashSet<string> { "relu", "relu-bias", "vonmises", "dirichlet" });
    }

    [Theory]
    [MemberData(nameof(AllMaps))]
    public void Each_map_reports_its_registry_name(string name)
        // Reports, resolved case files and the relu-only plots key on the map's name.
        => Assert.Equal(name, FeatureFixtures.Map(name).Name);

    [Fact]
    public void Relu_takes_inputs_from_dimension_one_and_refuses_zero()
    {
        var line = new ReluFeatures(1);
        Assert.Equal(2, line.AmbientDim);
        var data = SphereFlow.Data.WeightedData.FromRows(1, [2.0, -1.0], [0.0, 0.0], [0.5, 0.5]);
        var v = new double[2];
        line.Evaluate([0.5, 3.0], data.View, v);
        Assert.Equal([3.0, 0.0], v);   // a max(0, b x) = 0.5·6 and 0
        var e = Assert.Throws<ArgumentException>(() => new ReluFeatures(0));
        Assert.Contains("dimension", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllMaps))]
    public void Contract_matches_a_direct_sum_of_Evaluate(string name)
    {
        var map = FeatureFixtures.Map(name);
        var data = FeatureFixtures.Data(name, 37, 1);
        var rng = new Random(2);
        var eta = FeatureFixtures.Point(map, rng);
        var values = new double[data.Count];
        map.Evaluate(eta, data.View, values);
        var g = Enumerable.Range(0, data.Count).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double direct = 0;
        for (int i = 0; i < data.Count; i++) direct += g[i] * values[i];
        var scratch = new double[Math.Max(1, map.ScratchPerPoint * data.Count)];
        double viaContract = map.Contract(eta, data.View, g, new double[map.AmbientDim], scratch);
        Assert.Equal(direct, viaContract, 1e-12 * (1 + Math.Abs(direct)));
    }

    [Theory]
    [MemberData(nameof(AllMaps))]
    public void Tangential_gradient_of_J_matches_finite_differences_on_the_sphere(string name)
    {
        var map = FeatureFixtures.Map(name);
        var data = FeatureFixtures.Data(name, 50, 3);
        var objective = new NetworkObjective(data, map, new SquareLoss(), 0.1);
        var nu = RandomMeasure(map.AmbientDim, 7, 4);
        var lin = objective.Linearize(nu);
        var rng = new Random(5);
        int tested = 0;
        for (int trial = 0; trial < 40 && tested < 10; trial++)
        {
            var eta = FeatureFixtures.Point(map, rng);
            if (NearKink(name, eta, data)) continue;
            tested++;
            var j = new double[1];
            var grad = new double[map.AmbientDim];
            lin.Evaluate(eta, j, grad);
            // Directional derivative along random tangent directions, by central differences along great circles.
            for (int dir = 0; dir < 3; dir++)
            {
                var v = new double[map.AmbientDim];
                for (int c = 0; c < v.Length; c++) v[c] = Sphere.Gaussian(rng);
                Sphere.ProjectTangent(eta, v);
                Sphere.Normalize(v);
                double h = 1e-5;
                double fd = (JAlong(lin, eta, v, h) - JAlong(lin, eta, v, -h)) / (2 * h);
                double exact = Sphere.Dot(grad, v);
                double scale = Math.Max(Sphere.Norm(grad), 1e-3);
                Assert.True(Math.Abs(fd - exact) <= 1e-6 * scale, $"{name}: fd {fd} vs gradient {exact}");
            }
        }
        Assert.True(tested >= 5);
    }

    [Theory]
    [MemberData(nameof(AllMaps))]
    public void Tangential_gradient_is_orthogonal_to_eta(string name)
    {
        var map = FeatureFixtures.Map(name);
        var data = FeatureFixtures.Data(name, 40, 6);
        var lin = new NetworkObjective(data, map, new LogisticLoss(), 0).Linearize(RandomMeasure(map.AmbientDim, 5, 7));
        var pts = RandomMeasure(map.AmbientDim, 64, 8).Points;
        var j = new double[64];
        var g = new double[pts.Length];
        lin.Evaluate(pts, j, g);
        for (int q = 0; q < 64; q++)
        {
            double dot = Sphere.Dot(g.AsSpan(q * map.AmbientDim, map.AmbientDim), pts.AsSpan(q * map.AmbientDim, map.AmbientDim));
            Assert.True(Math.Abs(dot) <= 1e-14 * (1 + Sphere.Norm(g.AsSpan(q * map.AmbientDim, map.AmbientDim))), $"gradient·η = {dot}");
        }
    }

    [Theory]
    [MemberData(nameof(AllMaps))]
    public void Energy_matches_a_direct_double_sum(string name)
    {
        var map = FeatureFixtures.Map(name);
        var data = FeatureFixtures.Data(name, 33, 9);
        var loss = new SquareLoss();
        double lambda = 0.3;
        var nu = RandomMeasure(map.AmbientDim, 11, 10);
        double f = new NetworkObjective(data, map, loss, lambda).Linearize(nu).Energy;
        // Independent: h(x_i) by a scalar double loop over atoms and points, each Ψ evaluated one point at a time.
        double direct = lambda * nu.Mass.Sum();
        var one = new double[1];
        for (int i = 0; i < data.Count; i++)
        {
            double h = 0;
            for (int j = 0; j < nu.Count; j++)
            {
                map.Evaluate(nu.Point(j), data.View.Slice(i, 1), one);
                h += nu.Mass[j] * one[0];
            }
            direct += data.Weights[i] * 0.5 * (h - data.Y[i]) * (h - data.Y[i]);
        }
        Assert.Equal(direct, f, 1e-12 * Math.Abs(direct));
    }

    [Fact]
    public void Relu_value_matches_its_formula()
    {
        var map = new ReluFeatures(2);
        var data = SphereFlow.Data.WeightedData.FromRows(2, [1.0, 2.0, -1.0, 0.5], [0.0, 0.0], [1.0, 1.0]);
        var v = new double[2];
        map.Evaluate([0.6, 0.0, 0.8], data.View, v);
        Assert.Equal(0.6 * 0.8 * 2.0, v[0], 15);
        Assert.Equal(0.6 * 0.8 * 0.5, v[1], 15);
    }

    [Fact]
    public void Dirichlet_kernel_peaks_at_2K_plus_1()
    {
        var map = new DirichletFeatures(4);
        var data = SphereFlow.Data.WeightedData.FromRows(1, [0.3], [0.0], [1.0]);
        var v = new double[1];
        map.Evaluate([Math.Cos(0.3), Math.Sin(0.3)], data.View, v);
        Assert.Equal(9.0, v[0], 12);
    }

    [Property(MaxTest = 200)]
    public Property Logistic_derivative_matches_finite_difference() =>
        Prop.ForAll(Gen.Choose(-2000, 2000).ToArbitrary(), Gen.Elements(-1.0, 1.0).ToArbitrary(), (hi, y) =>
        {
            double h = hi / 100.0;
            var loss = new LogisticLoss();
            double e = 1e-6;
            double fd = (loss.Value(h + e, y) - loss.Value(h - e, y)) / (2 * e);
            return Math.Abs(fd - loss.Derivative(h, y)) < 1e-7 && double.IsFinite(loss.Value(h, y));
        });

    internal static Measure RandomMeasure(int dim, int count, int seed)
    {
        var rng = new Random(seed);
        var nu = new Measure(dim, count);
        for (int j = 0; j < count; j++)
        {
            nu.Mass[j] = rng.NextDouble() / count;
            Sphere.SampleUniform(rng, nu.Point(j));
        }
        return nu;
    }

    private static double JAlong(Linearization lin, double[] eta, double[] v, double t)
    {
        var p = new double[eta.Length];
        for (int c = 0; c < p.Length; c++) p[c] = Math.Cos(t) * eta[c] + Math.Sin(t) * v[c];
        return lin.At(p);
    }

    /// <summary>ReLU maps are not differentiable where b·x_i + c = 0: skip points within 1e-3 of a kink.</summary>
    private static bool NearKink(string name, double[] eta, SphereFlow.Data.WeightedData data)
    {
        if (name != "relu" && name != "relu-bias") return false;
        int k = data.InputDim;
        for (int i = 0; i < data.Count; i++)
        {
            double s = name == "relu-bias" ? eta[k + 1] : 0;
            for (int c = 0; c < k; c++) s += eta[1 + c] * data[i, c];
            if (Math.Abs(s) < 1e-3) return true;
        }
        return false;
    }
}

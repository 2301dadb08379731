using SphereFlow.Certificates;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Certificates;

/// <summary>
/// Each derived ball bound against sampled points: J(η) ≥ lower − margin for every η sampled in B(c, r), and the bound's
/// J(c) equals the objective's own J(c) to round-off. A wrong curvature or Lipschitz constant, a kink treated as smooth or a
/// wrong sign in the gradient term shows up as a sampled J below the bound (the samples include points near the boundary).
/// </summary>
public class BallBoundSoundnessTests(ITestOutputHelper output)
{
    /// <summary>A random point at distance ≤ r from c (the distance drawn toward r so the rim is well covered).</summary>
    internal static double[] InBall(double[] c, double r, Random rng)
    {
        int dim = c.Length;
        var v = new double[dim];
        Sphere.SampleUniform(rng, v);
        Sphere.ProjectTangent(c, v);
        Sphere.Normalize(v);
        double rho = r * Math.Pow(rng.NextDouble(), 0.25);
        var p = new double[dim];
        for (int i = 0; i < dim; i++) p[i] = Math.Cos(rho) * c[i] + Math.Sin(rho) * v[i];
        Sphere.Normalize(p);
        return p;
    }

    private static void CheckBalls(Linearization lin, IBallLowerBound bound, int seed, ITestOutputHelper output, string label)
    {
        var rng = new Random(seed);
        int dim = bound.AmbientDim;
        var scratch = new double[Math.Max(1, bound.ScratchLength)];
        double worstSlack = double.PositiveInfinity;
        foreach (double r in new[] { 1e-3, 1e-2, 0.1, 0.4, 1.0 })
        {
            for (int b = 0; b < 20; b++)
            {
                var c = new double[dim];
                Sphere.SampleUniform(rng, c);
                var (value, lower) = bound.Evaluate(c, r, scratch);
                double jc = lin.At(c);
                Assert.True(Math.Abs(value - jc) <= bound.RoundOffMargin + 1e-13 * bound.Scale,
                    $"{label}: bound's J(c) = {value:R} differs from the objective's {jc:R}");
                Assert.True(lower <= value, $"{label}: lower bound above J(c)");
                for (int s = 0; s < 60; s++)
                {
                    var p = InBall(c, r, rng);
                    double jp = lin.At(p);
                    worstSlack = Math.Min(worstSlack, (jp - lower) / bound.Scale);
                    Assert.True(jp >= lower - bound.RoundOffMargin,
                        $"{label}: J = {jp:R} at distance {Sphere.Distance(c, p):G4} ≤ r = {r} is below the ball bound {lower:R}");
                }
            }
        }
        output.WriteLine($"{label}: min over samples of (J − lower)/S = {worstSlack:E2}, S = {bound.Scale:E3}, margin = {bound.RoundOffMargin:E2}");
    }

    private static Measure RandomMeasure(int dim, int m, int seed)
    {
        var rng = new Random(seed);
        var nu = new Measure(dim, m);
        for (int j = 0; j < m; j++) { Sphere.SampleUniform(rng, nu.Point(j)); nu.Mass[j] = rng.NextDouble() / m; }
        return nu;
    }

    public static TheoryData<string> MapNames() => [.. FeatureMaps.Names];

    [Theory]
    [MemberData(nameof(MapNames))]
    public void Every_registered_map_has_a_ball_bound_that_no_sampled_point_violates(string name)
    {
        foreach (var lossName in new[] { "square", "logistic" })
        {
            var map = FeatureFixtures.Map(name);
            var data = FeatureFixtures.Data(name, 150, 11);
            if (lossName == "logistic") data = data.WithTargets(data.Y.Select(y => y >= 0 ? 1.0 : -1.0).ToArray());
            var objective = new NetworkObjective(data, map, LossRegistry.Create(lossName), 0.05);
            var nu = RandomMeasure(map.AmbientDim, 7, 3);
            var lin = objective.Linearize(nu);
            var bound = BallBounds.Create(objective, nu, lin);
            Assert.True(bound is not null, $"feature map '{name}' has no derived ball bound (add one in SphereFlow.Certificates.BallBounds)");
            CheckBalls(lin, bound, 5, output, $"{name}/{lossName}");
        }
    }

    [Fact]
    public void Relu_bound_is_sound_on_quadrature_data_whose_kinks_cross_small_balls()
    {
        // The figure-2 data: 720 angles on the unit circle, so many hyperplanes cross every ball.
        var teacher = TeacherNetwork.Random(2, 4, 1);
        var data = teacher.AngularQuadrature(720);
        foreach (var map in new IFeatureMap[] { new ReluFeatures(2), new ReluBiasFeatures(2) })
        {
            var objective = new NetworkObjective(data, map, new SquareLoss(), 0.0);
            var nu = RandomMeasure(map.AmbientDim, 50, 9);
            var lin = objective.Linearize(nu);
            CheckBalls(lin, BallBounds.Create(objective, nu, lin)!, 17, output, map.Name + " quadrature");
        }
    }

    [Fact]
    public void Linear_potential_and_population_bounds_are_sound()
    {
        var lp = new LinearPotential([0.3, -1.2, 0.5, 0.1], 0.2);
        var nu4 = RandomMeasure(4, 3, 1);
        var linLp = lp.Linearize(nu4);
        CheckBalls(linLp, BallBounds.Create(lp, nu4, linLp)!, 2, output, "linear potential");
        var pop = new GaussianPopulationObjective(TeacherNetwork.Random(2, 3, 4), 0.01);
        var nu3 = RandomMeasure(3, 20, 6);
        var linPop = pop.Linearize(nu3);
        CheckBalls(linPop, BallBounds.Create(pop, nu3, linPop)!, 8, output, "gaussian population");
    }
}

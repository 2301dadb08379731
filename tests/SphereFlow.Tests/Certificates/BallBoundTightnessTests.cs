using SphereFlow.Certificates;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Tests.Certificates;

/// <summary>
/// Configurations where each ball bound is attained to leading order, so that a constant too small (an unsound bound) or too
/// large (a needlessly loose one) both fail: the point p where J is smallest on the ball is known in closed form, and the test
/// asserts lower ≤ J(p) ≤ lower + C r^q with q one order above the bound's (r⁴ for the second-order bounds, whose Taylor remainder is
/// O(r⁴) at a critical point by symmetry; r³ for the first-order kink bound). Data: one point or a narrow cone, residuals made
/// positive or negative by the targets (ν has one atom of mass 0, so h = 0 and g_i = −ω_i y_i).
/// </summary>
public class BallBoundTightnessTests
{
    private static (Linearization Lin, IBallLowerBound Bound) Make(IFeatureMap map, double[] rows, double[] y, double lambda = 0.1)
    {
        int n = y.Length;
        var data = WeightedData.FromRows(map.InputDim, rows, y, Enumerable.Repeat(1.0 / n, n).ToArray());
        var o = new NetworkObjective(data, map, new SquareLoss(), lambda);
        var nu = new Measure(map.AmbientDim, [0.0], [.. Enumerable.Repeat(0.0, map.AmbientDim - 1), 1.0]);
        var lin = o.Linearize(nu);
        return (lin, BallBounds.Create(o, nu, lin)!);
    }

    private static void AssertTight(Linearization lin, IBallLowerBound bound, double[] centre, double[] worst, double r, double c, int order)
    {
        var (_, lower) = bound.Evaluate(centre, r, new double[Math.Max(1, bound.ScratchLength)]);
        double jp = lin.At(worst);
        Assert.True(jp >= lower - bound.RoundOffMargin, $"J = {jp:R} at the ball's worst point is below the bound {lower:R} (r = {r})");
        Assert.True(jp - lower <= c * Math.Pow(r, order) + bound.RoundOffMargin,
            $"bound {lower:R} is {jp - lower:E3} below the attained {jp:R}, more than {c}·r^{order} = {c * Math.Pow(r, order):E3} (r = {r})");
    }

    private static double[] Rotate(double[] from, double[] to, double s)
        => from.Zip(to, (a, b) => Math.Cos(s) * a + Math.Sin(s) * b).ToArray();

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.01)]
    public void Relu_smooth_part_curvature_2w_is_attained_at_the_maximum_of_a_w_dot_b(double r)
    {
        // x_i in a cone of ±0.3 rad around e₁, g_i = ω_i > 0 (y = −1): J = λ + a (w·b), w = Σ ω_i x_i, no kink within the ball.
        // Its maximiser on S^2 is e_max = (1, ŵ)/√2 and along the geodesic to e_min = (1, −ŵ)/√2, J = λ + |w|/2 cos 2s: the
        // smallest value on B(e_max, r) is λ + |w|/2 cos 2r = bound (λ + |w|/2 − |w| r²) + |w| r⁴/3 + O(r⁶).
        int n = 9;
        var rows = Enumerable.Range(0, n).SelectMany(i => new[] { Math.Cos(-0.3 + 0.6 * i / (n - 1)), Math.Sin(-0.3 + 0.6 * i / (n - 1)) }).ToArray();
        var (lin, bound) = Make(new ReluFeatures(2), rows, Enumerable.Repeat(-1.0, n).ToArray());
        double w = Enumerable.Range(0, n).Sum(i => rows[2 * i]) / n;       // w = (|w|, 0) by symmetry
        double s = 1 / Math.Sqrt(2);
        double[] eMax = [s, s, 0], eMin = [s, -s, 0];
        AssertTight(lin, bound, eMax, Rotate(eMax, eMin, r), r, w / 2, 4);
    }

    [Fact]
    public void Relu_kink_lipschitz_constant_is_attained_where_every_hyperplane_crosses_the_ball()
    {
        // One point x, g = ω = 1 > 0 (y = −1); at c = (−1, 0, 0) (a = −1, b = 0) the data hyperplane passes through c. Along
        // η = (−cos s, sin s x̂), J = λ − |x| cos s sin s = λ − |x| r + (2/3)|x| r³ + …, the bound is λ − |x| r.
        double[] x = [0.6, 0.8];
        var (lin, bound) = Make(new ReluFeatures(2), x, [-1.0]);
        double r = 0.02;
        double[] c = [-1, 0, 0], toward = [0, 0.6, 0.8];
        AssertTight(lin, bound, c, Rotate(c, toward, r), r, 1.0, 3);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.01)]
    public void Dirichlet_curvature_sum_k2_ck_is_attained_for_one_harmonic(double r)
    {
        // K = 1, one angle x = 0, g = ω > 0: J(θ) = λ + g (1 + 2 cos θ), max at 0; H = 2g and J(r) = J(0) − g r² + g r⁴/12.
        var (lin, bound) = Make(new DirichletFeatures(1), [0.0], [-1.0]);
        AssertTight(lin, bound, [1, 0], [Math.Cos(r), Math.Sin(r)], r, 1.0 / 12 + 1e-3, 4);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.01)]
    public void VonMises_curvature_g_kappa_is_attained_at_a_positive_data_point(double r)
    {
        // One data point x = e₀ on S^2, g = ω > 0: J = λ + g exp(κ(η₀ − 1)), max at e₀; J(r) = J(e₀) − gκ r²/2 + g(3κ² + κ) r⁴/24 + ….
        const double kappa = 3;
        var (lin, bound) = Make(new VonMisesFeatures(2, kappa), [1.0, 0, 0], [-1.0]);
        AssertTight(lin, bound, [1, 0, 0], [Math.Cos(r), Math.Sin(r), 0], r, (3 * kappa * kappa + kappa) / 24 + 1, 4);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.01)]
    public void Linear_potential_curvature_c_is_attained_at_its_maximum(double r)
    {
        var lp = new LinearPotential([0, 0, 2], 0.1);
        var nu = new Measure(3, [1.0], [1, 0, 0]);
        var lin = lp.Linearize(nu);
        AssertTight(lin, BallBounds.Create(lp, nu, lin)!, [0, 0, 1], [Math.Sin(r), 0, Math.Cos(r)], r, 2.0 / 24 + 1e-3, 4);
    }
}

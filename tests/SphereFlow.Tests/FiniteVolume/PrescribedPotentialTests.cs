using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// <see cref="PrescribedPotential"/> against closed forms: F(ν) = Σ_q m_q J(η_q), J at every point, and the tangential
/// gradient of J(η) = a·η + (b·η)², which is (I − ηηᵀ)(a + 2(b·η) b).
/// </summary>
public class PrescribedPotentialTests
{
    private static readonly double[] A = [0.3, -1.2, 0.7], B = [0.5, 0.1, -0.4];
    private static double J(ReadOnlySpan<double> eta) => Sphere.Dot(A, eta) + Math.Pow(Sphere.Dot(B, eta), 2);

    private static Measure RandomMeasure(int n, Random rng)
    {
        var nu = new Measure(3, n);
        for (int q = 0; q < n; q++) { Sphere.SampleUniform(rng, nu.Point(q)); nu.Mass[q] = rng.NextDouble(); }
        return nu;
    }

    [Fact]
    public void Refuses_a_null_function_a_low_dimension_and_a_null_measure()
    {
        Assert.Equal("j", Assert.Throws<ArgumentNullException>(() => new PrescribedPotential(3, null!)).ParamName);
        Assert.Contains("ambient dimension", Assert.Throws<ArgumentException>(() => new PrescribedPotential(1, J)).Message, StringComparison.Ordinal);
        Assert.Equal("nu", Assert.Throws<ArgumentNullException>(() => new PrescribedPotential(3, J).Linearize(null!)).ParamName);
    }

    [Fact]
    public void Energy_is_the_mass_weighted_sum_of_J()
    {
        var nu = RandomMeasure(7, new Random(3));
        double expected = 0;
        for (int q = 0; q < nu.Count; q++) expected += nu.Mass[q] * J(nu.Point(q));
        Assert.Equal(expected, new PrescribedPotential(3, J).Linearize(nu).Energy, 1e-14);
    }

    [Fact]
    public void J_and_its_tangential_gradient_match_the_closed_form()
    {
        var nu = RandomMeasure(6, new Random(5));
        var lin = new PrescribedPotential(3, J).Linearize(nu);
        var j = new double[nu.Count];
        var grad = new double[3 * nu.Count];
        lin.Evaluate(nu.Points, j, grad);
        for (int q = 0; q < nu.Count; q++)
        {
            var eta = nu.Point(q);
            Assert.Equal(J(eta), j[q], 1e-15);
            var exact = new double[3];
            double b = Sphere.Dot(B, eta);
            for (int c = 0; c < 3; c++) exact[c] = A[c] + 2 * b * B[c];
            Sphere.ProjectTangent(eta, exact);
            // Central differences with h = 1e-6 on the normalised point: truncation h²/6 · |J'''| ≲ 1e-12 · O(1) and
            // round-off ε|J|/h ≈ 2e-16 · 2 / 1e-6 ≈ 4e-10; 1e-8 leaves a factor 25 over their sum.
            for (int c = 0; c < 3; c++) Assert.True(Math.Abs(grad[3 * q + c] - exact[c]) < 1e-8, $"point {q}, component {c}: {grad[3 * q + c]} vs {exact[c]}");
        }
    }
}

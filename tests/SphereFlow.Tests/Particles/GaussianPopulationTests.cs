using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Tests.Particles;

/// <summary>The closed-form Gaussian population objective against Monte Carlo and finite differences.</summary>
public class GaussianPopulationTests(ITestOutputHelper output)
{
    private static Measure RandomStudent(int k, int m, Random rng)
    {
        var nu = new Measure(k + 1, m);
        for (int j = 0; j < m; j++)
        {
            Sphere.SampleUniform(rng, nu.Point(j));
            nu.Mass[j] = 0.2 + rng.NextDouble();
        }
        return nu;
    }

    private static (double Mean, double StdErr) Stats(double[] v)
    {
        double mean = v.Average(), s2 = v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1);
        return (mean, Math.Sqrt(s2 / v.Length));
    }

    [Theory]
    [InlineData(3, 200_000)]
    [InlineData(100, 100_000)]
    public void Risk_J_and_gradient_agree_with_monte_carlo_within_4_standard_errors(int k, int samples)
    {
        var rng = new Random(1000 + k);
        var teacher = TeacherNetwork.Random(k, 3, 7 + k);
        const double lambda = 0.05;
        var objective = new GaussianPopulationObjective(teacher, lambda);
        var nu = RandomStudent(k, 4, rng);
        var lin = objective.Linearize(nu);
        var map = new ReluFeatures(k);
        var probes = new double[3 * (k + 1)];
        for (int p = 0; p < 3; p++) Sphere.SampleUniform(rng, probes.AsSpan(p * (k + 1), k + 1));
        var jExact = new double[3];
        var gExact = new double[probes.Length];
        lin.Evaluate(probes, jExact, gExact);
        // Random tangent directions at each probe for scalar directional-derivative tests.
        var dirs = new double[probes.Length];
        for (int p = 0; p < 3; p++)
        {
            var d = dirs.AsSpan(p * (k + 1), k + 1);
            Sphere.SampleUniform(rng, d);
            Sphere.ProjectTangent(probes.AsSpan(p * (k + 1), k + 1), d);
        }
        // Monte Carlo samples of ½(h − y)², (h − y)Ψ(η_p)(x), (h − y) d_p·∇Ψ(η_p)(x).
        var risk = new double[samples];
        var jm = new double[3][];
        var gm = new double[3][];
        for (int p = 0; p < 3; p++) { jm[p] = new double[samples]; gm[p] = new double[samples]; }
        var x = new double[k];
        var sampleRng = new Random(99 + k);
        for (int i = 0; i < samples; i++)
        {
            for (int c = 0; c < k; c++) x[c] = Sphere.Gaussian(sampleRng);
            double h = 0;
            for (int j = 0; j < nu.Count; j++)
            {
                var eta = nu.Point(j);
                h += nu.Mass[j] * eta[0] * Math.Max(0, Sphere.Dot(eta.Slice(1), x));
            }
            double r = h - teacher.Output(x);
            risk[i] = 0.5 * r * r;
            for (int p = 0; p < 3; p++)
            {
                var eta = probes.AsSpan(p * (k + 1), k + 1);
                var d = dirs.AsSpan(p * (k + 1), k + 1);
                double s = Sphere.Dot(eta.Slice(1), x);
                jm[p][i] = r * eta[0] * Math.Max(0, s);
                // ∇Ψ = (max(0, s), a 1[s > 0] x); the tangent projection is already in d.
                gm[p][i] = r * (d[0] * Math.Max(0, s) + (s > 0 ? eta[0] * Sphere.Dot(d.Slice(1), x) : 0));
            }
        }
        var (rMean, rSe) = Stats(risk);
        double riskExact = lin.Energy - lambda * nu.TotalMass;
        output.WriteLine($"k = {k}, {samples} samples: risk closed form {riskExact:E6}, MC {rMean:E6} ± {rSe:E2} ({(riskExact - rMean) / rSe:F2} SE)");
        Assert.True(Math.Abs(riskExact - rMean) <= 4 * rSe, "risk");
        Assert.Equal(riskExact, objective.Risk(nu), 12);
        for (int p = 0; p < 3; p++)
        {
            var (jMean, jSe) = Stats(jm[p]);
            var (gMean, gSe) = Stats(gm[p]);
            double jx = jExact[p] - lambda;
            double gx = Sphere.Dot(gExact.AsSpan(p * (k + 1), k + 1), dirs.AsSpan(p * (k + 1), k + 1));
            output.WriteLine($"  probe {p}: J−λ closed {jx:E5}, MC {jMean:E5} ± {jSe:E2} ({(jx - jMean) / jSe:F2} SE); d·∇_sJ closed {gx:E5}, MC {gMean:E5} ± {gSe:E2} ({(gx - gMean) / gSe:F2} SE)");
            Assert.True(Math.Abs(jx - jMean) <= 4 * jSe, $"J at probe {p}");
            Assert.True(Math.Abs(gx - gMean) <= 4 * gSe, $"gradient at probe {p}");
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    public void Arc_cosine_kernel_gradient_matches_central_differences(int k)
    {
        var rng = new Random(5 + k);
        for (int trial = 0; trial < 10; trial++)
        {
            var u = Enumerable.Range(0, k).Select(_ => Sphere.Gaussian(rng) * 1.7).ToArray();
            var v = Enumerable.Range(0, k).Select(_ => Sphere.Gaussian(rng) * 0.6).ToArray();
            var g = new double[k];
            double nv = Sphere.Norm(v);
            GaussianPopulationObjective.KernelAndGradient(u, Sphere.Norm(u), v, nv, 1.0, g);
            const double eps = 1e-6;
            for (int c = 0; c < k; c++)
            {
                var up = (double[])u.Clone(); up[c] += eps;
                var um = (double[])u.Clone(); um[c] -= eps;
                double fd = (GaussianPopulationObjective.Kernel(up, Sphere.Norm(up), v, nv) - GaussianPopulationObjective.Kernel(um, Sphere.Norm(um), v, nv)) / (2 * eps);
                Assert.True(Math.Abs(fd - g[c]) <= 1e-7 * (1 + Math.Abs(fd)), $"k={k} trial {trial} component {c}: fd {fd} vs {g[c]}");
            }
        }
    }

    [Fact]
    public void Risk_is_zero_at_the_teacher_and_J_vanishes_on_it()
    {
        var teacher = TeacherNetwork.Random(5, 4, 3);
        var objective = new GaussianPopulationObjective(teacher, 0);
        var (mass, points) = teacher.AsMeasure();
        var nu = new Measure(6, mass, points);
        var lin = objective.Linearize(nu);
        Assert.True(Math.Abs(lin.Energy) < 1e-13, $"F at the teacher = {lin.Energy}");
        var j = new double[nu.Count];
        lin.Evaluate(nu.Points, j, Span<double>.Empty);
        Assert.All(j, v => Assert.True(Math.Abs(v) < 1e-13));
    }
}

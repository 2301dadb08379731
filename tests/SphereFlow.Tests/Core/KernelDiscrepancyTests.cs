using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Diagnostics;
using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Tests.Core;

/// <summary>The kernel MMD between measures on S^d: against a direct double sum, and its exact sampling law.</summary>
public class KernelDiscrepancyTests(ITestOutputHelper output)
{
    private static Measure RandomMeasure(int dim, int count, Random rng)
    {
        var nu = new Measure(dim, count);
        for (int j = 0; j < count; j++)
        {
            Sphere.SampleUniform(rng, nu.Point(j));
            nu.Mass[j] = rng.NextDouble() < 0.1 ? 0 : rng.NextDouble();
        }
        return nu;
    }

    private static double DirectCrossSum(Measure mu, Measure nu, double kappa)
    {
        double s = 0;
        for (int a = 0; a < mu.Count; a++)
            for (int b = 0; b < nu.Count; b++)
                s += mu.Mass[a] * nu.Mass[b] * Math.Exp(kappa * (Sphere.Dot(mu.Point(a), nu.Point(b)) - 1));
        return s;
    }

    [Property(MaxTest = 100)]
    public Property Cross_sums_match_a_direct_double_sum() => Prop.ForAll(
        Gen.Choose(2, 5).SelectMany(d => Gen.Choose(1, 60).SelectMany(n => Gen.Choose(1, 60).SelectMany(p =>
            Gen.Choose(0, 1_000_000).Select(s => (d, n, p, s))))).ToArbitrary(),
        t =>
        {
            var rng = new Random(t.s);
            var mu = RandomMeasure(t.d, t.n, rng);
            var nu = RandomMeasure(t.d, t.p, rng);
            double kappa = 20 * rng.NextDouble();
            double fast = KernelDiscrepancy.CrossSum(mu, nu, kappa), direct = DirectCrossSum(mu, nu, kappa);
            double mmd = KernelDiscrepancy.Distance(mu, nu, kappa);
            return Math.Abs(fast - direct) <= 1e-12 * Math.Max(1, Math.Abs(direct))
                   && Math.Abs(fast - KernelDiscrepancy.CrossSum(nu, mu, kappa)) <= 1e-12 * Math.Max(1, Math.Abs(direct))
                   && mmd >= 0 && KernelDiscrepancy.Distance(mu, mu, kappa) < 1e-6;
        });

    [Fact]
    public void Large_cross_sums_do_not_depend_on_chunking_and_match_the_direct_sum()
    {
        var rng = new Random(3);
        var mu = RandomMeasure(3, 3000, rng);
        var nu = RandomMeasure(3, 2500, rng);
        double fast = KernelDiscrepancy.CrossSum(mu, nu, 7), direct = DirectCrossSum(mu, nu, 7);
        Assert.True(Math.Abs(fast - direct) <= 1e-11 * direct, $"{fast} vs {direct}");
        Assert.Equal(fast, KernelDiscrepancy.CrossSum(mu, nu, 7));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(3, 777)]
    public void The_symmetric_self_sum_equals_the_full_double_sum(int dim, int count)
    {
        // CrossSum(μ, μ) sums half the pairs (b > a) twice plus the diagonal; a clone of μ takes the general path over all pairs.
        var mu = RandomMeasure(dim, count, new Random(count));
        double direct = DirectCrossSum(mu, mu, 6), self = KernelDiscrepancy.CrossSum(mu, mu, 6), general = KernelDiscrepancy.CrossSum(mu, mu.Clone(), 6);
        Assert.Equal(direct, self, 1e-12 * Math.Abs(direct));
        Assert.Equal(general, self, 1e-12 * Math.Abs(direct));
    }

    [Fact]
    public void Squared_mmd_of_an_iid_sample_has_the_exact_expectation_one_minus_the_self_sum_over_m()
    {
        // For μ a probability measure and μ_m = (1/m) Σ δ_{X_i} with X_i iid ~ μ: E MMD²(μ_m, μ) = (k(η,η) − ∬k dμdμ)/m, k(η,η) = 1.
        var rng = new Random(17);
        var mu = RandomMeasure(3, 40, rng);
        double total = mu.TotalMass;
        for (int a = 0; a < mu.Count; a++) mu.Mass[a] /= total;
        const double kappa = 5;
        double self = KernelDiscrepancy.CrossSum(mu, mu, kappa);
        var cdf = new double[mu.Count];
        double acc = 0;
        for (int a = 0; a < mu.Count; a++) { acc += mu.Mass[a]; cdf[a] = acc; }
        foreach (int m in new[] { 10, 100 })
        {
            const int reps = 2000;
            double sum = 0, sum2 = 0;
            for (int r = 0; r < reps; r++)
            {
                var sample = new Measure(3, m);
                for (int i = 0; i < m; i++)
                {
                    int a = Array.BinarySearch(cdf, rng.NextDouble());
                    a = Math.Min(a >= 0 ? a : ~a, mu.Count - 1);
                    mu.Point(a).CopyTo(sample.Point(i));
                    sample.Mass[i] = 1.0 / m;
                }
                double d = KernelDiscrepancy.Distance(mu, self, sample, kappa);
                sum += d * d; sum2 += d * d * d * d;
            }
            double mean = sum / reps, se = Math.Sqrt((sum2 / reps - mean * mean) / reps), expected = (1 - self) / m;
            output.WriteLine($"m = {m}: mean MMD² {mean:E4} ± {se:E2} over {reps} samples, exact {expected:E4}");
            Assert.True(Math.Abs(mean - expected) <= 4 * se, $"m = {m}: {mean} vs {expected} (se {se})");
        }
    }
}

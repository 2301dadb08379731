using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// The paper's start (init kind unit-weights: |a_j| = |b_j| = 1, random sign of a_j, b_j uniform on the unit sphere) and its
/// teacher with random output signs.
/// </summary>
public class PaperInitializationTests
{
    [Fact]
    public void Unit_weights_give_the_network_one_over_m_sum_of_signed_unit_neurons()
    {
        const int m = 400, k = 3;
        var nu = new UnitWeightsParticleInit(Seed: 5).Build(k + 1, m);
        var relu = new ReluFeatures(k);
        var x = new[] { 0.3, -1.2, 0.7 };
        double h = 0;
        int positive = 0;
        for (int j = 0; j < m; j++)
        {
            var eta = nu.Point(j).ToArray();
            // η = (a, b)/√2 with |a| = |b| = 1 and M = |w|²/m = 2/m, so w = √(m M) η = (a, b).
            double r = Math.Sqrt(m * nu.Mass[j]);
            Assert.Equal(Math.Sqrt(2), r, 12);
            double a = r * eta[0], nb = Math.Sqrt(eta.Skip(1).Sum(v => r * v * r * v));
            Assert.Equal(1.0, Math.Abs(a), 12);
            Assert.Equal(1.0, nb, 12);
            if (a > 0) positive++;
            double bx = 0;
            for (int c = 0; c < k; c++) bx += r * eta[c + 1] * x[c];
            h += a * Math.Max(0, bx) / m;
        }
        // h = Σ_j M_j Ψ(η_j)(x) (2-homogeneous map) equals the notebook's (1/m) Σ a_j max(0, b_j·x).
        double viaMeasure = 0;
        var psi = new double[1];
        for (int j = 0; j < m; j++)
        {
            var eta = nu.Point(j).ToArray();
            viaMeasure += nu.Mass[j] * eta[0] * Math.Max(0, eta[1] * x[0] + eta[2] * x[1] + eta[3] * x[2]);
        }
        Assert.Equal(h, viaMeasure, 12);
        Assert.Equal(2.0, nu.TotalMass, 12);
        // Signs: Binomial(400, 1/2) has standard deviation 10; 4.5 sd either side.
        Assert.InRange(positive, 155, 245);
        Assert.Equal(nu.Points, new UnitWeightsParticleInit(Seed: 5).Build(k + 1, m).Points);
        Assert.NotEqual(nu.Points, new UnitWeightsParticleInit(Seed: 6).Build(k + 1, m).Points);
    }

    [Fact]
    public void A_random_sign_teacher_keeps_the_directions_and_draws_balanced_signs()
    {
        int plus = 0, total = 0, differs = 0;
        for (int seed = 1; seed <= 200; seed++)
        {
            var alternate = TeacherNetwork.Random(20, 10, seed);
            var random = TeacherNetwork.Random(20, 10, seed, randomSigns: true);
            Assert.Equal(alternate.B, random.B);
            Assert.All(random.A, a => Assert.Equal(1.0, Math.Abs(a)));
            plus += random.A.Count(a => a > 0);
            total += random.A.Length;
            if (!random.A.SequenceEqual(alternate.A)) differs++;
        }
        // 2000 fair signs: standard deviation 22.4 around 1000; 5 sd either side. Alternating signs would give exactly 1000 and never differ.
        Assert.InRange(plus, 888, 1112);
        Assert.True(differs > 190, $"{differs} of 200 random-sign teachers differ from the alternating one");
    }
}

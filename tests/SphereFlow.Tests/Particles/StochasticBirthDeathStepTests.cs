using SphereFlow.Measures;
using SphereFlow.Solvers.BirthDeath;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// One step of <see cref="StochasticBirthDeath"/> against its documented contract, with a generator that records its draws:
/// one uniform per particle, then exactly one draw per removal or fill (so the stream, and a resumed run, is reproducible);
/// masses travel with their particles; bad arguments are refused by name. Written against the Stryker survivors on
/// BirthDeath (mutation/README.md).
/// </summary>
public class StochasticBirthDeathStepTests
{
    /// <summary>A generator that counts its draws and hands out the values of an inner generator.</summary>
    private sealed class CountingRandom(int seed) : Random
    {
        private readonly Random _inner = new(seed);
        public int Doubles { get; private set; }
        public int Integers { get; private set; }
        public override double NextDouble() { Doubles++; return _inner.NextDouble(); }
        public override int Next(int maxValue) { Integers++; return _inner.Next(maxValue); }
    }

    private static Measure Atoms(int m, bool equal)
    {
        var nu = new Measure(3, m);
        var rng = new Random(11);
        for (int q = 0; q < m; q++)
        {
            SphereFlow.Geometry.Sphere.SampleUniform(rng, nu.Point(q));
            nu.Mass[q] = equal ? 0.125 : 0.05 + 0.01 * q;
        }
        return nu;
    }

    /// <summary>J ≡ J̄: no particle is killed or cloned, so the step draws one uniform per particle and nothing else.</summary>
    [Fact]
    public void Without_kills_or_clones_the_step_draws_one_uniform_per_particle_and_nothing_else()
    {
        var nu = Atoms(8, equal: true);
        var before = nu.Clone();
        var rng = new CountingRandom(3);
        var (killed, cloned) = StochasticBirthDeath.Apply(nu, new double[8], 0, 1, 0.1, rng);
        Assert.Equal((0, 0), (killed, cloned));
        Assert.Equal(8, rng.Doubles);
        Assert.Equal(0, rng.Integers);
        Assert.Equal(before.Mass, nu.Mass);
        Assert.Equal(before.Points, nu.Points);
    }

    /// <summary>
    /// Atom 0 has α(J − J̄)Δt = 50, so it dies unless u ≥ 1 − e^{−50} (never for 53-bit uniforms): one kill, one fill drawn
    /// uniformly among the m − 1 survivors (one integer draw), and the new atom carries the point and the mass of the survivor
    /// it copies: every (point, mass) pair after the step is a pair from before, the masses rescaled by one common factor
    /// (unequal masses are rescaled to the previous total).
    /// </summary>
    [Fact]
    public void A_certain_kill_is_refilled_by_one_draw_and_masses_travel_with_their_particles()
    {
        const int m = 6;
        var nu = Atoms(m, equal: false);
        var before = nu.Clone();
        var j = new double[m];
        j[0] = 500;
        var rng = new CountingRandom(5);
        var (killed, cloned) = StochasticBirthDeath.Apply(nu, j, 0, 1, 0.1, rng);
        Assert.Equal((1, 0), (killed, cloned));
        Assert.Equal(m, rng.Doubles);
        Assert.Equal(1, rng.Integers);
        Assert.Equal(before.TotalMass, nu.TotalMass, 1e-15);
        // The source of each slot is the surviving old atom with the same point (the points are distinct).
        var ratios = new double[m];
        for (int q = 0; q < m; q++)
        {
            int s = Enumerable.Range(1, m - 1).Single(p => before.Point(p).SequenceEqual(nu.Point(q)));
            ratios[q] = nu.Mass[q] / before.Mass[s];
        }
        Assert.All(ratios, r => Assert.Equal(ratios[0], r, 1e-14));
    }

    [Fact]
    public void Null_arguments_and_potentials_of_another_size_are_refused_by_name()
    {
        var nu = Atoms(4, equal: true);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => StochasticBirthDeath.Apply(null!, new double[4], 0, 1, 0.1, new Random(1))).ParamName);
        Assert.Equal("rng", Assert.Throws<ArgumentNullException>(() => StochasticBirthDeath.Apply(nu, new double[4], 0, 1, 0.1, null!)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => StochasticBirthDeath.Apply(nu, new double[3], 0, 1, 0.1, new Random(1)));
        Assert.Contains("population", e.Message, StringComparison.Ordinal);
    }
}

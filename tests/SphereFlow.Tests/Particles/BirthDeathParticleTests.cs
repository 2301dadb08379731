using SphereFlow.Solvers.Stepping;
using SphereFlow.Flows;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Numerics;
using SphereFlow.Objectives;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Particles;

/// <summary>Stochastic and deterministic birth–death particles.</summary>
public class BirthDeathParticleTests(ITestOutputHelper output)
{
    private static readonly double[] C = [0.9, -0.4, 0.6];
    private static readonly double[] Probe = [0.2, 0.7, -0.5];

    private static double Statistic(Measure nu)
    {
        // ∫ f dν with a smooth f (not J itself).
        double s = 0;
        for (int j = 0; j < nu.Count; j++)
        {
            var eta = nu.Point(j);
            s += nu.Mass[j] * Math.Exp(eta[0] * Probe[0] + eta[1] * Probe[1] + eta[2] * Probe[2]);
        }
        return s;
    }

    private static IObjective Network() =>
        new NetworkObjective(FeatureFixtures.Data("relu", 80, 5), FeatureFixtures.Map("relu"), new SquareLoss(), 0.01);

    [Fact]
    public void Stochastic_birth_death_keeps_the_population_and_the_total_mass_exactly()
    {
        var objective = Network();
        var start = ParticleInitialMeasures.Uniform(objective.AmbientDim, 64, 2.0, 9);
        var flow = new FlowSpec(FlowKind.BirthDeath, 200, 1);
        var solver = new BirthDeathParticleSolver(objective, flow, start, ParticleSteppers.Create("rk4"), BirthDeathMode.Stochastic, seed: 4);
        double total = start.TotalMass;
        for (int s = 0; s < 200; s++)
        {
            solver.Advance(0.02);
            Assert.Equal(64, solver.Current.Count);
            Assert.Equal(total, solver.Current.TotalMass);   // bitwise
            Assert.All(solver.Current.Mass, v => Assert.Equal(start.Mass[0], v));
        }
        output.WriteLine($"200 steps: {solver.Killed} killed, {solver.Cloned} cloned; F {objective.Linearize(start).Energy:E4} -> {objective.Linearize(solver.Current).Energy:E4}");
        Assert.True(solver.Killed > 20 && solver.Cloned > 20, "birth–death must act in this test");
    }

    [Fact]
    public void Stochastic_mean_matches_the_deterministic_weight_variant_within_4_standard_errors()
    {
        // Linear potential: J independent of ν, so every seed sees the same transport and J; only birth–death is random.
        var objective = new LinearPotential(C, 0.1);
        var flow = new FlowSpec(FlowKind.BirthDeath, 1.0, 1.0);
        var start = ParticleInitialMeasures.Stratified(3, 200, 1.0, 1);
        const double dt = 0.002;
        const int steps = 150, seeds = 400;
        var det = new ParticleSolver(objective, flow, start, ParticleSteppers.Create("euler"));
        for (int s = 0; s < steps; s++) det.Advance(dt);
        double expected = Statistic(det.Current);
        var samples = new double[seeds];
        for (int seed = 0; seed < seeds; seed++)
        {
            var sto = new BirthDeathParticleSolver(objective, flow, start, ParticleSteppers.Create("euler"), BirthDeathMode.Stochastic, seed: 1000 + seed);
            for (int s = 0; s < steps; s++) sto.Advance(dt);
            samples[seed] = Statistic(sto.Current);
        }
        double mean = samples.Average();
        double se = Math.Sqrt(samples.Sum(v => (v - mean) * (v - mean)) / (seeds - 1) / seeds);
        double initial = Statistic(start);
        var none = new ParticleSolver(objective, new FlowSpec(FlowKind.Wasserstein, 0, 1.0), start, ParticleSteppers.Create("euler"));
        for (int s = 0; s < steps; s++) none.Advance(dt);
        double transportOnly = Statistic(none.Current);
        output.WriteLine($"∫f dν: start {initial:F5}, transport only {transportOnly:F5}, deterministic weights {expected:F5}, " +
                         $"stochastic mean over {seeds} seeds {mean:F5} ± {se:E2} ({(mean - expected) / se:F2} SE)");
        Assert.True(Math.Abs(transportOnly - expected) > 10 * se, "birth–death must change the statistic by much more than the Monte Carlo error");
        Assert.True(Math.Abs(mean - expected) <= 4 * se, $"mean {mean} vs {expected} ± {se}");
    }

    [Theory]
    [InlineData(BirthDeathMode.Stochastic)]
    [InlineData(BirthDeathMode.Deterministic)]
    public void Checkpoints_resume_bit_for_bit_and_birth_death_switches_off_after_until(BirthDeathMode mode)
    {
        var objective = Network();
        var start = ParticleInitialMeasures.Uniform(objective.AmbientDim, 32, 1.0, 2);
        var flow = new FlowSpec(FlowKind.BirthDeath, 10, 1);
        BirthDeathParticleSolver Make() => new(objective, flow, start, ParticleSteppers.Create("adaptive", new ParticleStepperOptions(1e-7)), mode, until: 0.5, seed: 77);
        var a = Make();
        for (int s = 0; s < 8; s++) a.Advance(0.05);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Write(w, a);
        while (a.Time < 0.5 - 1e-12) a.Advance(0.05);
        Assert.Equal(0.5, a.Time, 12);
        Assert.False(a.Active);
        long killed = a.Killed, cloned = a.Cloned;
        var massesAtUntil = (double[])a.Current.Mass.Clone();
        for (int s = 0; s < 10; s++) a.Advance(0.05);
        Assert.Equal(killed, a.Killed);
        Assert.Equal(cloned, a.Cloned);
        Assert.Equal(massesAtUntil, a.Current.Mass);   // transport only after `until`
        var b = Make();
        buffer.Position = 0;
        using (var r = new BinaryReader(buffer)) SolverCheckpoint.Read(r, b);
        while (b.Time < a.Time - 1e-12) b.Advance(0.05);
        Assert.Equal(a.Current.Mass, b.Current.Mass);
        Assert.Equal(a.Current.Points, b.Current.Points);
        Assert.Equal(a.Killed, b.Killed);
    }

    [Fact]
    public void Xoshiro_state_round_trips_and_bounded_draws_are_uniform()
    {
        var g = new Xoshiro256(123);
        for (int i = 0; i < 10; i++) g.NextUInt64();
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) g.WriteState(w);
        var h = new Xoshiro256(0);
        buffer.Position = 0;
        using (var r = new BinaryReader(buffer)) h.ReadState(r);
        for (int i = 0; i < 100; i++) Assert.Equal(g.NextDouble(), h.NextDouble());
        var counts = new int[7];
        const int n = 70_000;
        for (int i = 0; i < n; i++) counts[g.Next(7)]++;
        double chi2 = counts.Sum(c => (c - n / 7.0) * (c - n / 7.0) / (n / 7.0));
        output.WriteLine($"chi² (6 dof) = {chi2:F2}");
        Assert.True(chi2 < 22.5);   // p ≈ 0.001
    }
}

using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Numerics;
using SphereFlow.Objectives;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.Particles;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// The contract of <see cref="BirthDeathParticleSolver"/> at its edges, written against the survivors of the Stryker run on
/// BirthDeath (mutation/README.md): the <c>until</c> switch (0 allowed, rounding slack relative to max(1, until)), mass
/// conservation of the deterministic mode when a Runge–Kutta stage clips, names and counters per mode.
/// </summary>
public class BirthDeathSolverContractTests
{
    /// <summary>Three atoms on S^2 under J(η) = c·η: J = 1 at e_0, −1 at −e_0, 0 at e_1 (moving downhill).</summary>
    private static Measure ThreeAtoms()
    {
        var nu = new Measure(3, 3);
        nu.Point(0)[0] = 1; nu.Point(1)[0] = -1; nu.Point(2)[1] = 1;
        nu.Mass[0] = 0.5; nu.Mass[1] = 0.3; nu.Mass[2] = 0.2;
        return nu;
    }

    private static BirthDeathParticleSolver Solver(double[] c, BirthDeathMode mode, double until = double.PositiveInfinity, string stepper = "rk4", double alpha = 1) =>
        new(new LinearPotential(c, 0), new FlowSpec(FlowKind.BirthDeath, alpha, 1), ThreeAtoms(), ParticleSteppers.Create(stepper, new ParticleStepperOptions(1e-9)), mode, until, seed: 5);

    [Fact]
    public void Until_zero_is_allowed_and_means_transport_only_while_negative_and_nan_are_refused()
    {
        var s = Solver([1.0, 0, 0], BirthDeathMode.Deterministic, until: 0);
        Assert.False(s.Active);
        var before = s.Current.Mass.ToArray();
        s.Advance(0.1);
        Assert.Equal(before, s.Current.Mass.ToArray());   // no reaction: J − J̄ ≠ 0 here, so any birth–death would move the masses
        Assert.Equal(0.1, s.Time);
        Assert.Throws<ArgumentException>(() => Solver([1.0, 0, 0], BirthDeathMode.Deterministic, until: -1e-300));
        Assert.Throws<ArgumentException>(() => Solver([1.0, 0, 0], BirthDeathMode.Deterministic, until: double.NaN));
        Assert.Throws<ArgumentException>(() => new BirthDeathParticleSolver(new LinearPotential([1.0, 0, 0], 0), new FlowSpec(FlowKind.Wfr, 1, 1), ThreeAtoms(),
            ParticleSteppers.Create("rk4", new ParticleStepperOptions(1e-9)), BirthDeathMode.Deterministic));
        Assert.Throws<ArgumentException>(() => new BirthDeathParticleSolver(new LinearPotential([1.0, 0], 0), new FlowSpec(FlowKind.BirthDeath, 1, 1), ThreeAtoms(),
            ParticleSteppers.Create("rk4", new ParticleStepperOptions(1e-9)), BirthDeathMode.Deterministic));
    }

    /// <summary>
    /// A remainder Until − t below 1e-12·max(1, Until) is rounding of the accumulated time, not a step to take: with
    /// Until = 1000 and t = Until − 5e-10 (5e-13 relative) birth–death is already off and the next step is the full Δt. A
    /// slack relative to min(1, Until) (1e-12 absolute) would take a 5e-10 sliver step; a test of ≥ 0 would stay active at
    /// t = Until and take steps of length 0.
    /// </summary>
    [Fact]
    public void Birth_death_switches_off_within_rounding_of_until_without_a_sliver_step()
    {
        var s = Solver(new double[3], BirthDeathMode.Deterministic, until: 1000);   // J ≡ 0: nothing moves, only the clock matters
        double first = 1000 - 5e-10;
        s.Advance(first);
        Assert.Equal(first, s.Time);
        Assert.False(s.Active);
        s.Advance(1);
        Assert.Equal(first + 1, s.Time);
        var exact = Solver(new double[3], BirthDeathMode.Stochastic, until: 0.5);
        exact.Advance(0.3);
        exact.Advance(0.3);                      // truncated to land on until
        Assert.Equal(0.5, exact.Time, 15);
        Assert.False(exact.Active);
        exact.Advance(0.3);
        Assert.Equal(0.8, exact.Time, 15);
    }

    /// <summary>
    /// Deterministic birth–death conserves the mass exactly in exact arithmetic (the rates Σ m_j(J_j − J̄) sum to 0 at every
    /// stage), but not once a stage mass is clipped at 0: then only the rescale to the previous total keeps it. RK4 with
    /// αΔt = 3 on J = c·η clips (checked), and the total must still be 1 to rounding (a few ulps of 3 additions).
    /// </summary>
    [Fact]
    public void Deterministic_mode_keeps_the_total_mass_even_when_a_stage_clips()
    {
        var s = Solver([1.0, 0, 0], BirthDeathMode.Deterministic, alpha: 3);
        for (int n = 0; n < 3; n++) s.Advance(1);
        Assert.True(s.Statistics.Single(x => x.Name == "clipped_masses").Value > 0, "precondition: a stage clipped");
        Assert.Equal(1.0, s.Current.TotalMass, 1e-15);
    }

    [Fact]
    public void Names_counters_and_energy_claim_follow_the_mode()
    {
        var det = Solver([1.0, 0, 0], BirthDeathMode.Deterministic);
        var sto = Solver([1.0, 0, 0], BirthDeathMode.Stochastic);
        Assert.Equal("rk4+bd-deterministic", det.Stepper);
        Assert.Equal("rk4+bd-stochastic", sto.Stepper);
        Assert.Equal("particles", det.Name);
        Assert.True(det.DecreasesEnergy);
        Assert.False(sto.DecreasesEnergy);
        Assert.Equal(["clipped_masses"], det.Statistics.Select(x => x.Name));
        for (int n = 0; n < 20; n++) sto.Advance(0.5);
        Assert.True(sto.Killed + sto.Cloned > 0, "precondition: some particle was killed or cloned");
        Assert.Equal(["clipped_masses", "killed", "cloned"], sto.Statistics.Select(x => x.Name));
        Assert.Equal([0, sto.Killed, sto.Cloned], sto.Statistics.Select(x => x.Value));
        Assert.All(sto.Statistics, x => Assert.False(string.IsNullOrWhiteSpace(x.Description)));
    }

    [Fact]
    public void Stochastic_step_refuses_potentials_of_another_population_size()
    {
        var nu = ThreeAtoms();
        Assert.Throws<ArgumentException>(() => StochasticBirthDeath.Apply(nu, new double[2], 0, 1, 0.1, new Xoshiro256(1)));
    }
}

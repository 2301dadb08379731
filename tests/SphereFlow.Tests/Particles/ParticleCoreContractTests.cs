using System.Text;
using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Stepping;

using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// The contract of the particle core (<see cref="ParticleDynamics"/>, <see cref="ExponentialEulerStepper"/>,
/// <see cref="BirthDeathParticleSolver"/>) at its edges, written against the Stryker survivors of the Particles core files
/// (mutation/README.md): the evaluation counts that reach summary.json against an independent count of the objective's
/// linearisations, one stepper serving measures of different sizes, and the argument checks with the culprit named.
/// </summary>
public class ParticleCoreContractTests
{
    /// <summary>J(η) = c·η, counting how often the solvers linearise it (the independent count of right-hand sides).</summary>
    private sealed class CountingPotential(double[] c) : IObjective
    {
        private readonly LinearPotential _inner = new(c, 0);
        public int Linearizations { get; private set; }
        public int AmbientDim => _inner.AmbientDim;
        public Linearization Linearize(Measure nu) { Linearizations++; return _inner.Linearize(nu); }
    }

    private static Measure Atoms(int count, int dim, int seed) => EqualAtoms.Random(count, dim, seed);

    private static IParticleStepper Stepper(string name) => ParticleSteppers.Create(name, new ParticleStepperOptions(1e-9));

    /// <summary>
    /// Each J evaluation is one linearisation of the objective, so the clock's evaluation count (written to summary.json) must
    /// equal the objective's own count: Euler 1 per step, RK4 4; the stochastic birth–death mode evaluates J once more per
    /// step (the J̄ of the kill/clone rates at the start of the step); the system's own counter agrees with both.
    /// </summary>
    [Theory]
    [InlineData("euler", BirthDeathMode.Deterministic, 1)]
    [InlineData("euler", BirthDeathMode.Stochastic, 2)]
    [InlineData("rk4", BirthDeathMode.Deterministic, 4)]
    [InlineData("rk4", BirthDeathMode.Stochastic, 5)]
    public void Birth_death_solver_counts_each_linearisation_once(string stepper, BirthDeathMode mode, int perStep)
    {
        var objective = new CountingPotential([1.0, -0.5, 0.25]);
        var solver = new BirthDeathParticleSolver(objective, new FlowSpec(FlowKind.BirthDeath, 4, 1), Atoms(50, 3, 1), Stepper(stepper), mode, seed: 3);
        for (int n = 0; n < 7; n++) solver.Advance(0.01);
        Assert.Equal(7 * perStep, objective.Linearizations);
        Assert.Equal(objective.Linearizations, solver.Clock.Evaluations);
    }

    [Fact]
    public void Particle_dynamics_counts_its_evaluations()
    {
        var objective = new CountingPotential([0.0, 1.0, 0.0]);
        var dynamics = new ParticleDynamics(objective, new FlowSpec(FlowKind.Wfr, 4, 1));
        var nu = Atoms(20, 3, 2);
        var work = new ParticleWork(20, 3);
        for (int n = 0; n < 3; n++) dynamics.Rates(nu, work, Span<double>.Empty, Span<double>.Empty);
        var y = new ParticleState(nu);
        dynamics.Rates(y, dynamics.CreateLike(y));
        Assert.Equal(4, objective.Linearizations);
        Assert.Equal(4, dynamics.Evaluations);
    }

    /// <summary>
    /// One stepper (and one system) may serve measures of different sizes: a step of a 30-atom measure after a 50-atom one
    /// must equal the step of a fresh stepper, bit for bit, for a change of count and for a change of dimension at equal
    /// count. A buffer kept from the larger measure would be read past the smaller one's atoms or be too short.
    /// </summary>
    [Theory]
    [InlineData("euler")]
    [InlineData("rk4")]
    public void One_stepper_serves_measures_of_different_sizes(string name)
    {
        foreach (var (first, second) in new[] { (Atoms(50, 3, 4), Atoms(30, 3, 5)), (Atoms(30, 3, 4), Atoms(30, 4, 5)), (Atoms(30, 4, 4), Atoms(60, 3, 5)) })
        {
            var reused = Stepper(name);
            reused.Step(Dynamics(first.AmbientDim), first.Clone(), 0.05);
            var a = second.Clone();
            reused.Step(Dynamics(second.AmbientDim), a, 0.05);
            var b = second.Clone();
            Stepper(name).Step(Dynamics(second.AmbientDim), b, 0.05);
            Assert.Equal(b.Mass, a.Mass);
            Assert.Equal(b.Points, a.Points);
        }

        static ParticleDynamics Dynamics(int dim)
        {
            var c = new double[dim];
            c[0] = 1; c[dim - 1] = -0.5;
            return new ParticleDynamics(new LinearPotential(c, 0), new FlowSpec(FlowKind.Wfr, 4, 1));
        }
    }

    [Fact]
    public void Argument_checks_name_the_culprit()
    {
        var potential = new LinearPotential([1.0, 0, 0], 0);
        var flow = new FlowSpec(FlowKind.BirthDeath, 1, 1);
        var nu = Atoms(4, 3, 6);
        var euler = Stepper("euler");

        Assert.Equal("objective", Assert.Throws<ArgumentNullException>(() => new ParticleDynamics(null!, flow)).ParamName);
        Assert.Equal("flow", Assert.Throws<ArgumentNullException>(() => new ParticleDynamics(potential, null!)).ParamName);
        var dynamics = new ParticleDynamics(potential, flow);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => dynamics.CreateLike(null!)).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentNullException>(() => dynamics.Retract(null!)).ParamName);
        var state = new ParticleState(nu.Clone());
        Assert.Equal("y", Assert.Throws<ArgumentNullException>(() => dynamics.Rates(null!, state)).ParamName);
        Assert.Equal("dydt", Assert.Throws<ArgumentNullException>(() => dynamics.Rates(state, null!)).ParamName);
        Assert.Equal("nu", Assert.Throws<ArgumentNullException>(() => dynamics.Rates(null!, new ParticleWork(4, 3), Span<double>.Empty, Span<double>.Empty)).ParamName);
        Assert.Equal("work", Assert.Throws<ArgumentNullException>(() => dynamics.Rates(nu, null!, Span<double>.Empty, Span<double>.Empty)).ParamName);
        Assert.Equal(0, dynamics.Evaluations);   // a refused call is not an evaluation (the objective would refuse a null ν too, after the count)
        Assert.Equal("dynamics", Assert.Throws<ArgumentNullException>(() => euler.Step(null!, nu, 0.1)).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => euler.Step(dynamics, null!, 0.1)).ParamName);

        BirthDeathParticleSolver Make(IObjective o, FlowSpec f, Measure m, double until = double.PositiveInfinity) =>
            new(o, f, m, euler, BirthDeathMode.Deterministic, until);
        Assert.Equal("objective", Assert.Throws<ArgumentNullException>(() => Make(null!, flow, nu)).ParamName);
        Assert.Equal("flow", Assert.Throws<ArgumentNullException>(() => Make(potential, null!, nu)).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentNullException>(() => Make(potential, flow, null!)).ParamName);
        Assert.Contains("birth-death", Assert.Throws<ArgumentException>(() => Make(potential, new FlowSpec(FlowKind.Wfr, 1, 1), nu)).Message);
        Assert.Contains("birth_death_until", Assert.Throws<ArgumentException>(() => Make(potential, flow, nu, until: -1)).Message);
        Assert.Contains("R^4", Assert.Throws<ArgumentException>(() => Make(potential, flow, Atoms(4, 4, 7))).Message);

        var solver = Make(potential, flow, nu);
        foreach (double bad in new[] { 0.0, -0.1, double.NaN, double.PositiveInfinity })
            Assert.Throws<ArgumentOutOfRangeException>(() => solver.Advance(bad));
        Assert.Equal(0, solver.Steps);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => solver.WriteState(null!)).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => solver.ReadState(null!)).ParamName);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) solver.WriteState(w);
        Assert.True(stream.Length > 0);
    }

    /// <summary>
    /// A clip is a mass the retraction raised from a <em>negative</em> value: atoms whose mass is already 0 (a killed
    /// atom, a zero-mass input) are not clips, so summary.json's clipped_masses counts only real sign losses.
    /// </summary>
    [Fact]
    public void Retraction_counts_only_negative_masses_as_clips()
    {
        var dynamics = new ParticleDynamics(new LinearPotential([1.0, 0, 0], 0), new FlowSpec(FlowKind.Wfr, 4, 1));
        var nu = Atoms(5, 3, 8);
        nu.Mass[0] = 0; nu.Mass[1] = -0.0; nu.Mass[2] = double.Epsilon;
        var y = new ParticleState(nu);
        dynamics.Retract(y);
        Assert.Equal(0, dynamics.ClippedMasses);
        nu.Mass[3] = -1e-3; nu.Mass[4] = -double.Epsilon;
        dynamics.Retract(y);
        Assert.Equal(2, dynamics.ClippedMasses);
        Assert.Equal([0.0, 0.0, double.Epsilon, 0.0, 0.0], nu.Mass.ToArray());
    }

    /// <summary>
    /// Birth–death sees J only through J − J̄, so adding a constant λ to the potential leaves the flow unchanged — and a
    /// step must not let a large λ reach its exponentials (exp(−α(J ± J̄)Δt) with the wrong sign underflows to 0 for
    /// λ = 10⁴). Positions do not depend on λ at all (∇_s J does not), so they agree bit for bit. Masses: J − J̄ is formed
    /// from numbers of size λ, an absolute error ≈ 2ε·λ ≈ 4e-12 per evaluation; times αΔt = 0.2 per step and 20 steps of
    /// at most 4 evaluations that is ≲ 1e-10 relative, so 1e-9 leaves a factor 10 and a sign error fails by orders.
    /// </summary>
    [Theory]
    [InlineData("euler", BirthDeathMode.Deterministic)]
    [InlineData("euler", BirthDeathMode.Stochastic)]
    [InlineData("rk4", BirthDeathMode.Deterministic)]
    [InlineData("rk4", BirthDeathMode.Stochastic)]
    public void Birth_death_does_not_see_a_constant_added_to_the_potential(string stepper, BirthDeathMode mode)
    {
        BirthDeathParticleSolver Run(double lambda)
        {
            var s = new BirthDeathParticleSolver(new LinearPotential([1.0, -0.5, 0.25], lambda), new FlowSpec(FlowKind.BirthDeath, 4, 1),
                                                 Atoms(40, 3, 9), Stepper(stepper), mode, seed: 5);
            for (int n = 0; n < 20; n++) s.Advance(0.05);
            return s;
        }
        var plain = Run(0);
        var shifted = Run(1e4);
        Assert.Equal(plain.Current.Points.ToArray(), shifted.Current.Points.ToArray());
        Assert.Equal(plain.Killed, shifted.Killed);
        for (int j = 0; j < plain.Current.Count; j++)
            Assert.True(Math.Abs(plain.Current.Mass[j] - shifted.Current.Mass[j]) <= 1e-9 * plain.Current.Mass[j],
                        $"atom {j}: {plain.Current.Mass[j]:R} vs {shifted.Current.Mass[j]:R}");
    }

    /// <summary>
    /// A checkpoint of the birth–death particle solver, taken while birth–death is active, holds every field: the resumed
    /// solver reads exactly the bytes written (a skipped field shifts every later one, e.g. the generator's state),
    /// reports the same statistics, and continues bit for bit (the stochastic mode needs the generator to do so).
    /// </summary>
    [Theory]
    [InlineData("euler", BirthDeathMode.Stochastic)]
    [InlineData("rk4", BirthDeathMode.Stochastic)]
    [InlineData("rk4", BirthDeathMode.Deterministic)]
    public void Birth_death_checkpoint_holds_every_field(string stepper, BirthDeathMode mode)
    {
        BirthDeathParticleSolver Make() => new(new LinearPotential([1.0, -0.5, 0.25], 0), new FlowSpec(FlowKind.BirthDeath, 4, 1),
                                                Atoms(40, 3, 10), Stepper(stepper), mode, seed: 11);
        var a = Make();
        for (int n = 0; n < 6; n++) a.Advance(0.3);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Write(w, a);
        buffer.Position = 0;
        var b = Make();
        using (var r = new BinaryReader(buffer, Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Read(r, b);
        Assert.Equal(buffer.Length, buffer.Position);
        Assert.Equal(a.Statistics.Select(x => (x.Name, x.Value)), b.Statistics.Select(x => (x.Name, x.Value)));
        for (int n = 0; n < 6; n++) { a.Advance(0.3); b.Advance(0.3); }
        Assert.Equal(a.Current.Mass.ToArray(), b.Current.Mass.ToArray());
        Assert.Equal(a.Current.Points.ToArray(), b.Current.Points.ToArray());
        Assert.Equal((a.Killed, a.Cloned), (b.Killed, b.Cloned));
    }
}

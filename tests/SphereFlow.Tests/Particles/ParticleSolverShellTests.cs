using System.Text;
using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Resources;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// The shell around the particle core: <see cref="ParticleSolver"/>, its case specification
/// (<see cref="ParticleSolverSpec"/>: defaults, keys, birth–death settings, memory estimate) and the stepper registry
/// (<see cref="ParticleSteppers"/>: options reach the stepper, errors name the registry). Written against the survivors of
/// the session-5 Stryker run on those files (mutation/README.md); each named mutant was applied by hand and seen failing.
/// </summary>
public class ParticleSolverShellTests
{
    private static Measure Atoms(int count, int dim, int seed) => EqualAtoms.Random(count, dim, seed);

    [Fact]
    public void Particle_solver_argument_checks_name_the_culprit()
    {
        var potential = new LinearPotential([1.0, 0, 0], 0);
        var flow = new FlowSpec(FlowKind.Wfr, 4, 1);
        var nu = Atoms(4, 3, 1);
        var rk4 = ParticleSteppers.Create("rk4");
        Assert.Equal("objective", Assert.Throws<ArgumentNullException>(() => new ParticleSolver(null!, flow, nu, rk4)).ParamName);
        Assert.Equal("initial", Assert.Throws<ArgumentNullException>(() => new ParticleSolver(potential, flow, null!, rk4)).ParamName);
        Assert.Equal("stepper", Assert.Throws<ArgumentNullException>(() => new ParticleSolver(potential, flow, nu, null!)).ParamName);
        Assert.Contains("R^4", Assert.Throws<ArgumentException>(() => new ParticleSolver(potential, flow, Atoms(4, 4, 1), rk4)).Message);

        foreach (var name in ParticleSteppers.Names)
            Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => ParticleSteppers.Create(name).Step(new ParticleDynamics(potential, flow), null!, 0.1)).ParamName);
        var solver = new ParticleSolver(potential, flow, nu, rk4);
        foreach (double bad in new[] { 0.0, -0.1, double.NaN, double.PositiveInfinity })
            Assert.Throws<ArgumentOutOfRangeException>(() => solver.Advance(bad));
        Assert.Equal(0, solver.Steps);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => solver.WriteState(null!)).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => solver.ReadState(null!)).ParamName);
        // Every statistic says what it counts (the text reaches summary.json's key list and `sphereflow list`).
        Assert.All(solver.Statistics, s => Assert.Contains("mass", s.Description));
    }

    /// <summary>
    /// A specification built in code (a study's derived run) without a stepper runs the documented default, RK4 (README,
    /// case keys: <c>solver.stepper</c>, default rk4); the YAML reader supplies its own default, so only this path reaches it.
    /// </summary>
    [Fact]
    public void A_spec_without_a_stepper_runs_rk4()
    {
        var (c, ps) = Loaded();
        var spec = new ParticleSolverSpec { Dt = ps.Dt, TEnd = ps.TEnd, M = ps.M, Init = ps.Init };
        Assert.Equal("rk4", ((ParticleSolver)spec.Build(c.Problem, c.Spec.Flow)).Stepper);
    }

    private static (SimulationCase Case, ParticleSolverSpec Spec) Loaded()
    {
        var c = CaseReader.Load(BundledCases.Path("teacher2d-particles.yaml"), ["solver.m=20"]);
        return (c, (ParticleSolverSpec)c.Spec.Solver);
    }

    /// <summary>
    /// Specification errors name their key (an unknown stepper, birth–death settings for a flow without birth–death), and
    /// the birth–death settings reach the birth–death solver.
    /// </summary>
    [Fact]
    public void Spec_keys_are_named_and_birth_death_settings_are_used()
    {
        var (c, ps) = Loaded();
        var unknown = Assert.Throws<SpecException>(() => (ps with { Stepper = "leapfrog" }).Build(c.Problem, c.Spec.Flow));
        Assert.Equal("stepper", unknown.Key);
        Assert.Contains("particle stepper", unknown.Message);
        var misplaced = Assert.Throws<SpecException>(() => (ps with { BirthDeath = new BirthDeathSpec() }).Build(c.Problem, c.Spec.Flow));
        Assert.Equal("birth_death", misplaced.Key);
        Assert.Contains("birth-death", misplaced.Message);
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => ps.Build(null!, c.Spec.Flow)).ParamName);
        Assert.Equal("flow", Assert.Throws<ArgumentNullException>(() => ps.Build(c.Problem, null!)).ParamName);
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => ps.Memory(null!).ToList()).ParamName);

        var flow = new FlowSpec(FlowKind.BirthDeath, 4, 1);
        var bd = Assert.IsType<BirthDeathParticleSolver>((ps with { BirthDeath = new BirthDeathSpec(BirthDeathMode.Stochastic, 0.5, 7) }).Build(c.Problem, flow));
        Assert.Equal(BirthDeathMode.Stochastic, bd.Mode);
        Assert.Equal(0.5, bd.Until);
    }

    /// <summary>
    /// The tolerance reaches the adaptive stepper: over the same cap Δt, a tolerance 10⁹ times tighter must take more
    /// substeps (Dormand–Prince's local error is O(h⁵)); with the options dropped both runs would use the default 1e-8 and
    /// take the same.
    /// </summary>
    [Fact]
    public void The_tolerance_reaches_the_adaptive_stepper()
    {
        long Evaluations(double tolerance)
        {
            var s = new ParticleSolver(new LinearPotential([1.0, -2, 0.5], 0), new FlowSpec(FlowKind.Wfr, 4, 1), Atoms(10, 3, 2),
                                       ParticleSteppers.Create("adaptive", new ParticleStepperOptions(tolerance)));
            s.Advance(1.0);
            return s.Clock.Evaluations;
        }
        long loose = Evaluations(1e-2), tight = Evaluations(1e-11);
        Assert.True(tight > loose, $"{loose} evaluations at 1e-3, {tight} at 1e-9");
    }

    /// <summary>
    /// The memory estimate of a particle run covers at least what provably lives at once: the blocked ReLU kernel's
    /// product cache (8·m·n bytes below its 32-MB cap, <see cref="MemoryModel.ReluProductCache"/>'s documented behaviour
    /// of the kernel) and the state with its RK4 stages (m (D + 1) values each, 5 copies). A lost term or a subtracted cache
    /// falls below.
    /// </summary>
    [Fact]
    public void Memory_estimate_covers_the_particles_and_the_product_cache()
    {
        var spec = Loaded().Spec with { M = 1000, Stepper = "rk4" };
        var terms = spec.Memory(new MemoryContext(AmbientDim: 4, DataPoints: 2000, InputDim: 3, Features: "relu")).ToList();
        double bytes = terms.Sum(t => t.Bytes);
        Assert.True(bytes >= 8.0 * 1000 * 2000 + 8.0 * 1000 * 4 * 5, $"estimate {bytes:E3} B");
        Assert.Contains(terms, t => t.Keys == "solver.m" && t.What.Contains("m = 1000", StringComparison.Ordinal));
    }

    /// <summary>Every registered stepper says what it is and answers to its name; the registry's errors name it.</summary>
    [Fact]
    public void Stepper_registry_describes_its_entries()
    {
        Assert.Equal(["euler", "rk4", "adaptive"], ParticleSteppers.Names);
        var method = new Dictionary<string, string> { ["euler"] = "Euler", ["rk4"] = "Runge–Kutta", ["adaptive"] = "Dormand–Prince" };
        Assert.All(ParticleSteppers.All, e => Assert.Contains(method[e.Name], e.Description));
        Assert.All(ParticleSteppers.Names, n => Assert.Equal(n, ParticleSteppers.Create(n).Name));   // the name runs report
        Assert.Contains("unknown particle stepper 'x'", Assert.Throws<ArgumentException>(() => ParticleSteppers.Create("x")).Message);
    }

    /// <summary>The particle checkpoint holds every field: read back to its last byte, then bit for bit.</summary>
    [Fact]
    public void Particle_checkpoint_is_read_to_its_last_byte()
    {
        ParticleSolver Make() => new(new LinearPotential([1.0, -0.5, 0.25], 0.1), new FlowSpec(FlowKind.Wfr, 4, 1), Atoms(12, 3, 3), ParticleSteppers.Create("adaptive"));
        var a = Make();
        a.Advance(0.5);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) a.WriteState(w);
        buffer.Position = 0;
        var b = Make();
        using (var r = new BinaryReader(buffer, Encoding.UTF8, leaveOpen: true)) b.ReadState(r);
        Assert.Equal(buffer.Length, buffer.Position);
        a.Advance(0.5); b.Advance(0.5);
        Assert.Equal(a.Current.Mass.ToArray(), b.Current.Mass.ToArray());
        Assert.Equal(a.Current.Points.ToArray(), b.Current.Points.ToArray());
    }
}

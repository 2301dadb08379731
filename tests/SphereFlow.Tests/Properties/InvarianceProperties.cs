using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Particles;

using SphereFlow.Solvers.Stepping;
using SphereFlow.Solvers.Weights;

namespace SphereFlow.Tests.Properties;

/// <summary>
/// Invariances of the particle flows and their discretisations: rotation, permutation, splitting, time rescaling, and
/// birth–death with α = 0 being the Wasserstein flow. Fixed-step methods reproduce them to round-off: different summation
/// orders only, grown by the flow's own amplification of small changes over the run (<see cref="Agree"/>). The adaptive
/// stepper's error norm weighs components by |y| and averages over all of them, so a rotated, permuted or split system may
/// take different steps: there the runs agree to the accuracy the tolerance buys (tol = 1e-9 per step, asserted within 1e-5
/// after the run).
/// </summary>
[Collection(SolverPropertyCollection.Name)]
public class InvarianceProperties
{
    private static double Tolerance(string stepper) => stepper == "adaptive" ? 1e-5 : 1e-10;

    /// <summary>
    /// Round-off per unit of growth: fixed-step runs that agree in exact arithmetic differ by the round-off introduced (the
    /// rotation of data and atoms, ≤ 4u per coordinate; each step's sums, ≤ γ_N with N ≤ 24 data + 9 atoms × 9 features +
    /// 10 ≈ 120 terms, over 4 steps ≈ 500u) times the run's growth G of a small initial change
    /// (<see cref="PropertyMath.Growth"/>): 500u ≈ 5.5e-14, rounded up to 1e-13.
    /// </summary>
    private const double RoundOffPerGrowth = 1e-13;

    /// <summary>
    /// Whether two runs that agree in exact arithmetic are within their tolerance: the adaptive stepper's 1e-5; for fixed steps
    /// 1e-10, or, where the flow amplifies round-off (seen: growth 4.2e5 for a Dirichlet problem with one datum, where the
    /// rotated run differed by 3.8e-10 ≈ 8u·G), RoundOffPerGrowth·G. G is measured only when d exceeds 1e-10.
    /// </summary>
    private static (bool Ok, string Note) Agree(double d, ParticleCase c, Func<Measure, ISolver> make, int seed)
    {
        if (d <= Tolerance(c.Stepper)) return (true, "");
        if (c.Stepper == "adaptive") return (false, "");
        double g = PropertyMath.Growth(make, c.Initial(), T, Dt, seed);
        return (d <= RoundOffPerGrowth * g, $" (growth of the run {g:E2}: tolerance {RoundOffPerGrowth * g:E2})");
    }

    private const int Steps = 4;
    private const double Dt = 0.1, T = Steps * Dt;

    [Fact]
    public void Every_registered_feature_map_has_a_declared_symmetry_or_none()
    {
        foreach (var name in FeatureMaps.Names)
            Assert.True(FeatureSymmetry.Known.Contains(name) || FeatureSymmetry.None.Contains(name), $"feature map '{name}': declare its symmetry in FeatureSymmetries.cs");
    }

    [SolverProperty]
    public Property Rotating_data_and_measure_together_rotates_the_solution(ParticleCase c) => Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
    {
        if (FeatureSymmetry.None.Contains(c.Problem.Features)) return true.ToProperty();
        var g = new FeatureSymmetry(c.Problem.Features, c.Problem.InputDim, seed);
        var data = c.Problem.Data();
        var loss = LossRegistry.Create(c.Problem.Loss);
        var map = c.Problem.Map();
        var plain = new ParticleSolver(new NetworkObjective(data, map, loss, c.Problem.Lambda), c.Flow.Build(), c.Initial(), c.NewStepper());
        var turned = new ParticleSolver(new NetworkObjective(g.Apply(data), map, loss, c.Problem.Lambda), c.Flow.Build(), g.Apply(c.Initial()), c.NewStepper());
        PropertyMath.RunTo(plain, T, Dt);
        PropertyMath.RunTo(turned, T, Dt);
        double d = PropertyMath.Distance(g.Apply(plain.Current), turned.Current);
        var (ok, note) = Agree(d, c, nu => new ParticleSolver(new NetworkObjective(data, map, loss, c.Problem.Lambda), c.Flow.Build(), nu, c.NewStepper()), seed);
        return ok.Label($"rotated run differs from the rotated solution by {d:E2}{note}");
    });

    [SolverProperty]
    public Property Permuting_particles_permutes_the_solution(ParticleCase c) => Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
    {
        var start = c.Initial();
        var rng = new Random(seed);
        int[] perm = [.. Enumerable.Range(0, start.Count).OrderBy(_ => rng.Next())];
        Measure Permute(Measure nu)
        {
            var r = new Measure(nu.AmbientDim, nu.Count);
            for (int q = 0; q < nu.Count; q++) { r.Mass[q] = nu.Mass[perm[q]]; nu.Point(perm[q]).CopyTo(r.Point(q)); }
            return r;
        }
        var a = c.Solver();
        var b = c.Solver(Permute(start));
        PropertyMath.RunTo(a, T, Dt);
        PropertyMath.RunTo(b, T, Dt);
        double d = PropertyMath.Distance(Permute(a.Current), b.Current);
        var (ok, note) = Agree(d, c, c.Solver, seed);
        return ok.Label($"permutation [{string.Join(",", perm)}]: runs differ by {d:E2}{note}");
    });

    [SolverProperty]
    public Property Splitting_a_particle_in_two_keeps_the_trajectory(ParticleCase c) => Prop.ForAll(Gen.Choose(1, 9).Select(i => i / 10.0).ToArbitrary(), theta =>
    {
        var start = c.Initial();
        var split = new Measure(start.AmbientDim, start.Count + 1);
        start.Mass.CopyTo(split.Mass, 0);
        start.Points.CopyTo(split.Points, 0);
        split.Mass[0] = theta * start.Mass[0];
        split.Mass[^1] = start.Mass[0] - split.Mass[0];
        start.Point(0).CopyTo(split.Point(start.Count));
        var a = c.Solver();
        var b = c.Solver(split);
        PropertyMath.RunTo(a, T, Dt);
        PropertyMath.RunTo(b, T, Dt);
        var merged = new Measure(start.AmbientDim, start.Count);
        b.Current.Mass.AsSpan(0, start.Count).CopyTo(merged.Mass);
        merged.Mass[0] += b.Current.Mass[^1];
        b.Current.Points.AsSpan(0, start.Points.Length).CopyTo(merged.Points);
        double apart = SphereFlow.Geometry.Sphere.Distance(b.Current.Point(0), b.Current.Point(start.Count));
        double d = PropertyMath.Distance(a.Current, merged);
        var (ok, note) = Agree(start.Mass[0] == 0 ? d : Math.Max(d, apart), c, c.Solver, (int)(theta * 10));
        return ok.Label($"θ = {theta}: merged run differs by {d:E2}; the halves are {apart:E2} apart{note}");
    });

    [SolverProperty]
    public Property Rescaling_alpha_beta_and_time_rescales_the_particle_solution(ParticleCase c) => Prop.ForAll(Gen.Elements(0.3, 3.0, 7.0).ToArbitrary(), k =>
    {
        var flow = c.Flow.Build();
        var fast = new FlowSpec(flow.Kind, k * flow.Alpha, k * flow.Beta);
        var a = c.Solver();
        var b = new ParticleSolver(c.Problem.Objective(), fast, c.Initial(), c.NewStepper());
        PropertyMath.RunTo(a, T, Dt);
        PropertyMath.RunTo(b, T / k, Dt / k);
        double d = PropertyMath.Distance(a.Current, b.Current);
        var (ok, note) = Agree(d, c, c.Solver, (int)(10 * k));
        return (ok && Math.Abs(a.Time - k * b.Time) <= 1e-13 * a.Time).Label($"k = {k}: runs differ by {d:E2}{note}, times {a.Time:R} vs k·{b.Time:R}");
    });

    [SolverProperty]
    public Property Rescaling_alpha_beta_and_time_rescales_the_mesh_solution(MeshCase c) => Prop.ForAll(Gen.Elements(0.3, 3.0, 7.0).ToArbitrary(), k =>
    {
        var flow = c.Flow.Build();
        var a = c.Solver();
        var b = new MeshSolver(c.Potential(), new FlowSpec(flow.Kind, k * flow.Alpha, k * flow.Beta), c.Grid, c.Masses(),
                               MeshSteppers.Create(c.Stepper), new MeshSolverOptions { Limiter = c.Limiter });
        int diverged = 0;
        for (int s = 0; s < Steps; s++) diverged += a.Advance(1.0).Rejections != b.Advance(1.0 / k).Rejections ? 1 : 0;
        // A step rejected for an energy "rise" of round-off size (F near 0 with large cancelling terms: the solver's tolerance
        // is relative to |F|) can fire in one run and not the other; then the step sequences differ and nothing is compared.
        if (diverged > 0) return true.Classify(true, "step sequences diverged (round-off rejection)");
        double worst = 0, total = a.Masses.ToArray().Sum();
        for (int q = 0; q < a.Masses.Length; q++) worst = Math.Max(worst, Math.Abs(a.Masses[q] - b.Masses[q]) / total);
        return (worst <= 1e-11 && Math.Abs(a.Time - k * b.Time) <= 1e-12 * a.Time).Label($"k = {k}: masses differ by {worst:E2}, times {a.Time:R} vs k·{b.Time:R}");
    });

    /// <summary>Birth–death with α = 0 (weights, stochastic population, plain particles; and on the mesh) is the Wasserstein flow.</summary>
    [SolverProperty]
    public void Birth_death_with_alpha_zero_is_the_wasserstein_flow(ParticleCase c)
    {
        var wasserstein = new FlowSpec(FlowKind.Wasserstein, 0, c.Flow.Beta);
        var bd0 = new FlowSpec(FlowKind.BirthDeath, 0, c.Flow.Beta);
        var objective = c.Problem.Objective();
        var reference = new ParticleSolver(objective, wasserstein, c.Initial(), c.NewStepper());
        PropertyMath.RunTo(reference, T, Dt);
        ISolver[] others =
        [
            new ParticleSolver(objective, bd0, c.Initial(), c.NewStepper()),
            new BirthDeathParticleSolver(objective, bd0, c.Initial(), c.NewStepper(), BirthDeathMode.Deterministic),
            new BirthDeathParticleSolver(objective, bd0, c.Initial(), c.NewStepper(), BirthDeathMode.Stochastic, seed: 5),
        ];
        foreach (var solver in others)
        {
            PropertyMath.RunTo(solver, T, Dt);
            double d = PropertyMath.Distance(reference.Current, solver.Current);
            Assert.True(d <= 1e-13 || (c.Stepper == "adaptive" && d <= Tolerance(c.Stepper)), $"{solver.Stepper}: differs from the Wasserstein run by {d:E2}");
        }
    }

    [SolverProperty]
    public void Mesh_birth_death_with_alpha_zero_is_the_wasserstein_flow(MeshCase c)
    {
        var a = new MeshSolver(c.Potential(), new FlowSpec(FlowKind.Wasserstein, 0, c.Flow.Beta), c.Grid, c.Masses(), MeshSteppers.Create(c.Stepper), new MeshSolverOptions { Limiter = c.Limiter });
        var b = new MeshSolver(c.Potential(), new FlowSpec(FlowKind.BirthDeath, 0, c.Flow.Beta), c.Grid, c.Masses(), MeshSteppers.Create(c.Stepper), new MeshSolverOptions { Limiter = c.Limiter });
        for (int s = 0; s < Steps; s++) { a.Advance(1.0); b.Advance(1.0); }
        double total = a.Masses.ToArray().Sum(), worst = 0;
        for (int q = 0; q < a.Masses.Length; q++) worst = Math.Max(worst, Math.Abs(a.Masses[q] - b.Masses[q]) / total);
        Assert.True(worst <= 1e-13 && a.Time == b.Time, $"masses differ by {worst:E2}, times {a.Time:R} vs {b.Time:R}");
    }
}

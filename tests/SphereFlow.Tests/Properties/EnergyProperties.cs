using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Particles;

namespace SphereFlow.Tests.Properties;

/// <summary>
/// Energy laws of single steps, under the stated step bounds and without any retry.
/// </summary>
[Collection(SolverPropertyCollection.Name)]
public class EnergyProperties
{
    /// <summary>
    /// For a linear functional F(ν) = Σ_K J_K M_K (J prescribed), one step of every mesh stepper with Δt ≤ the CFL bound does
    /// not raise F. Why: a forward-Euler upwind stage changes F by −Δt Σ_σ |σ| u_σ⁺ ρ_σ (J_K − J_L) ≤ 0 (flux only from high
    /// to low J, ρ_σ ≥ 0 under the bound); the exact reaction changes it by Σ J_K M_K (e^{−α(J_K − s)Δt} − 1) ≤ 0 for s = 0,
    /// and for birth–death the renormalised tilt e^{−α J Δt} moves the mean of J down (Chebyshev's sum inequality); the
    /// forward-Euler reaction stage of unsplit steppers changes it by −αΔt Σ M_K J_K (J_K − s) ≤ 0; SSP Runge–Kutta steps are
    /// convex combinations of such stages. Tolerance: round-off, 1e-13 · Σ |J_K| M_K.
    /// </summary>
    [SolverProperty]
    public Property Mesh_step_under_the_cfl_bound_never_raises_a_linear_energy(MeshCase c) =>
        Prop.ForAll(PositivityProperties.Fractions.ToArbitrary(), fraction =>
        {
            var solver = c.Solver();
            var mass = solver.Masses.ToArray();
            var j = solver.CurrentJ.ToArray();
            double bound = solver.PositivityLimit();
            double dt = double.IsPositiveInfinity(bound) ? 1.0 : fraction * bound;
            var next = new double[mass.Length];
            bool admissible = MeshSteppers.Create(c.Stepper).TryStep(solver.Discretization, mass, j, dt, next);
            double f0 = 0, f1 = 0, scale = 0;
            for (int k = 0; k < mass.Length; k++) { f0 += j[k] * mass[k]; f1 += j[k] * next[k]; scale += Math.Abs(j[k]) * mass[k]; }
            return (admissible && f1 <= f0 + 1e-13 * scale).Label($"Δt = {fraction} × bound {bound:R}: F {f0:R} → {f1:R}");
        });

    /// <summary>
    /// Descent lemma for the split Euler step on J(η) = c·η + λ: along the great circle of the step J'' = −J, so |J''| ≤ |c|,
    /// and the retraction moves the atom by atan(βΔt|∇_sJ|) ≤ βΔt|∇_sJ|; hence J(η_{n+1}) ≤ J(η_n) whenever βΔt|c| &lt; 2.
    /// The exact mass factor changes F by Σ J M (e^{−α(J − s)Δt} − 1) ≤ 0 (birth–death: Chebyshev, as on the mesh).
    /// So F never rises when βΔt|c| ≤ 1, for every flow.
    /// </summary>
    [SolverProperty]
    public Property Euler_particle_step_is_a_descent_step_for_linear_potentials(MeasureSpec m, FlowChoice f) =>
        Prop.ForAll(Gen.Choose(2, 5).SelectMany(d => Gen.ArrayOf(Gen.Choose(-20, 20).Select(i => i / 10.0), d)).ToArbitrary(), c =>
        {
            if (c.All(x => x == 0)) c[0] = 1;
            var potential = new LinearPotential(c, 0.3);
            var flow = f.Build();
            double dt = 1.0 / (flow.Beta * Sphere.Norm(c));
            var solver = new ParticleSolver(potential, flow, m.Build(c.Length), ParticleSteppers.Create("euler"));
            double e0 = potential.Linearize(solver.Current).Energy;
            for (int s = 0; s < 4; s++)
            {
                solver.Advance(dt);
                double e1 = potential.Linearize(solver.Current).Energy;
                if (e1 > e0 + 1e-13 * Math.Abs(e0) + 1e-300) return false.Label($"step {s}: F {e0:R} → {e1:R} with βΔt|c| = 1");
                e0 = e1;
            }
            return true.ToProperty();
        });

    /// <summary>
    /// One step of every particle stepper is consistent with the ODE it integrates: with r(h) = (y(h) − y₀)/h − ẏ₀ for the
    /// masses (ẏ = −α M (J − s)), the positions (ẏ = −β ∇_s J) and the energy (Ḟ = −∫ α J (J − s) + β |∇_s J|² dν),
    /// r(h) = O(h) for any consistent method, while an inconsistent rate (wrong sign or factor) leaves a constant error.
    /// Each residual at h/64 is at most ¼ of the largest one at h, 2h and 4h (<see cref="PropertyMath.ShrinkingResidual"/>),
    /// which separates the two even where the O(h) coefficient vanishes; h·L ≤ 1e-3 (L = α max|J| + β max|∇_s J| + 1), and
    /// ReLU problems whose kinks lie within reach of an atom in the largest step are skipped. The floors are round-off: 1e-9 of
    /// the rates' scale and 1e-15 of the state over the small step.
    /// </summary>
    [SolverProperty]
    public void Particle_steppers_are_consistent_with_the_particle_ode(ParticleCase c)
    {
        var objective = c.Problem.Objective();
        var flow = c.Flow.Build();
        var nu0 = c.Initial();
        int dim = nu0.AmbientDim;
        var (j, g, f0) = PropertyMath.FirstVariation(objective, nu0);
        double s = PropertyMath.Shift(flow, nu0, j);
        var (jm, gm) = PropertyMath.Scales(j, g, dim);
        double h = 1e-3 / (flow.Alpha * jm + flow.Beta * gm + 1);
        if (PropertyMath.NearKink(c.Problem, nu0, 20 * h * (flow.Beta * gm + 1e-300))) return;   // ReLU: smooth only away from the kinks
        double dissipation = 0;
        for (int q = 0; q < nu0.Count; q++)
        {
            double gg = 0;
            for (int a = 0; a < dim; a++) gg += g[q * dim + a] * g[q * dim + a];
            dissipation += nu0.Mass[q] * (flow.Alpha * j[q] * (j[q] - s) + flow.Beta * gg);
        }
        // Signed residuals of the difference quotients against the ODE's right-hand side at ν₀, per mass, per coordinate and
        // of the energy (its rate is −dissipation).
        (double[] Mass, double[] Point, double[] Energy, double Taken) Residual(double step)
        {
            var solver = new ParticleSolver(objective, flow, nu0, c.NewStepper());
            double taken = solver.Advance(step).Dt;
            var nu = solver.Current;
            var rm = new double[nu.Count];
            var rp = new double[nu.Points.Length];
            for (int q = 0; q < nu.Count; q++)
            {
                rm[q] = (nu.Mass[q] - nu0.Mass[q]) / taken + flow.Alpha * nu0.Mass[q] * (j[q] - s);
                for (int a = 0; a < dim; a++)
                    rp[q * dim + a] = (nu.Points[q * dim + a] - nu0.Points[q * dim + a]) / taken + flow.Beta * g[q * dim + a];
            }
            return (rm, rp, [(objective.Linearize(nu).Energy - f0) / taken + dissipation], taken);
        }
        double massScale = flow.Alpha * (jm + Math.Abs(s)) * nu0.Mass.Max() + 1e-300;
        double energyScale = Math.Abs(dissipation) + Math.Abs(f0) + 1e-300;
        // The residuals at h/64 against those at h, 2h and 4h (PropertyMath.ShrinkingResidual). An adaptive stepper may cut
        // a large step; the test needs only the small step to be at most 1/16 of the largest one taken.
        var small = Residual(h / 64);
        var runs = new[] { Residual(h), Residual(2 * h), Residual(4 * h) };
        double ts = small.Taken, tMax = runs.Max(r => r.Taken);
        Assert.True(16 * ts <= tMax, $"steps taken: {ts:E3} for h/64, at most {tMax:E3} for h, 2h, 4h");
        // Floors: the difference quotients' round-off (1e-15 of the state over the small step) and 1e-9 of the rates' scale.
        var checks = new (string Name, double[] Small, double[][] Larger, double Floor)[]
        {
            ("mass", small.Mass, [runs[0].Mass, runs[1].Mass, runs[2].Mass], 1e-9 * massScale + 1e-15 * nu0.Mass.Max() / ts),
            ("position", small.Point, [runs[0].Point, runs[1].Point, runs[2].Point], 1e-9 * (flow.Beta * gm + 1e-300) + 1e-15 / ts),
            ("energy", small.Energy, [runs[0].Energy, runs[1].Energy, runs[2].Energy], 1e-9 * energyScale + 1e-15 * Math.Abs(f0) / ts),
        };
        foreach (var (name, rs, rl, floor) in checks)
        {
            var (r, largest) = PropertyMath.ShrinkingResidual(rs, rl);
            Assert.True(r <= 0.25 * largest + floor,
                        $"{name} residual {r:E3} at step {ts:E3}, largest {largest:E3} at steps {runs[0].Taken:E3}, {runs[1].Taken:E3}, {runs[2].Taken:E3}");
        }
    }

    /// <summary>
    /// One step of every mesh stepper is consistent with the semi-discrete system dM/dt = T(M; J) − α (J − s) M it
    /// integrates (the same small-step test as for particles, h·L ≤ 1e-3 with L the CFL rate plus α max|J − s|).
    /// </summary>
    [SolverProperty]
    public void Mesh_steppers_are_consistent_with_the_semi_discrete_system(MeshCase c)
    {
        var solver = c.Solver();
        var mass = solver.Masses.ToArray();
        var j = solver.CurrentJ.ToArray();
        var flow = c.Flow.Build();
        double s = flow.Kind == FlowKind.BirthDeath ? mass.Zip(j, (m, x) => m * x).Sum() / mass.Sum() : 0;
        var rate = new double[mass.Length];
        solver.Discretization.Transport.Rate(mass, j, rate);
        for (int k = 0; k < mass.Length; k++) rate[k] -= flow.Alpha * (j[k] - s) * mass[k];
        double bound = solver.PositivityLimit();
        double l = (double.IsPositiveInfinity(bound) ? 0 : 1 / bound) + flow.Alpha * j.Max(x => Math.Abs(x - s)) + 1;
        double h = 1e-3 / l;
        double[] Residual(double step)
        {
            var next = new double[mass.Length];
            Assert.True(MeshSteppers.Create(c.Stepper).TryStep(solver.Discretization, mass, j, step, next), "step under the bound rejected");
            var r = new double[mass.Length];
            for (int k = 0; k < mass.Length; k++) r[k] = (next[k] - mass[k]) / step - rate[k];
            return r;
        }
        // The residual at h/64 against those at h, 2h and 4h (PropertyMath.ShrinkingResidual: per cell r(h) = a h + b h² + …,
        // a can vanish for a particular cell and state, and a limiter makes r only piecewise smooth in h). 4h is still under
        // the positivity bound (h·L ≤ 1e-3).
        var (r0, largest) = PropertyMath.ShrinkingResidual(Residual(h / 64), Residual(h), Residual(2 * h), Residual(4 * h));
        double scale = rate.Max(Math.Abs) + mass.Max() * l * 1e-3;
        // Floor: round-off of the difference quotient at h/64 (1e-15 of the masses over h/64 = 6.4e-14 / h) and 5e-9 of the rates.
        Assert.True(r0 <= 0.25 * largest + 5e-9 * scale + 6.4e-14 * mass.Max() / h,
                    $"residual {r0:E3} at h/64, largest {largest:E3} at h, 2h, 4h (h = {h:E3}, rate scale {scale:E2})");
    }

    /// <summary>
    /// Local order on J(η) = c·η + λ, whose flow is known in closed form (<see cref="LinearPotentialSolution"/>): the one-step
    /// error e(h) of a fixed-step method of order p is C h^{p+1} + O(h^{p+2}), so e(h)/e(2h) → 2^{−(p+1)}; asserted
    /// e(h) ≤ 1.5 · 2^{−(p+1)} e(2h) + 1e-14 at h·|c|·max(α, β) ≤ 0.05 (the 1.5 covers the O(h^{p+2}) term there).
    /// The adaptive stepper chooses its own steps and is held to its tolerance instead (error ≤ 100 · tol per step).
    /// </summary>
    [SolverProperty]
    public Property Particle_steppers_have_their_stated_local_order(MeasureSpec m, FlowChoice f) =>
        Prop.ForAll(Gen.Elements(ParticleSteppers.Names.ToArray()).ToArbitrary(), Gen.ArrayOf(Gen.Choose(-20, 20).Select(i => i / 10.0), 3).ToArbitrary(), (name, c) =>
        {
            if (c.All(x => x == 0)) c[0] = 1;
            var flow = f.Kind == FlowKind.Wfr ? f.Build() : new FlowSpec(FlowKind.Wfr, f.Alpha == 0 ? 1 : f.Alpha, f.Beta);
            const double lambda = 0.3;
            var start = m.Build(3);
            double Error(double h)
            {
                var solver = new ParticleSolver(new LinearPotential(c, lambda), flow, start, ParticleSteppers.Create(name, new ParticleStepperOptions(1e-10)));
                double taken = solver.Advance(h).Dt;
                double err = 0;
                var eta = new double[3];
                for (int q = 0; q < start.Count; q++)
                {
                    if (start.Mass[q] == 0) continue;
                    double mass = LinearPotentialSolution.Advance(c, lambda, flow.Alpha, flow.Beta, start.Point(q), start.Mass[q], taken, eta);
                    err = Math.Max(err, Math.Abs(solver.Current.Mass[q] - mass) / start.Mass[q]);
                    err = Math.Max(err, Sphere.Distance(eta, solver.Current.Point(q)));
                }
                return err;
            }
            double h = 0.05 / (Sphere.Norm(c) * Math.Max(flow.Alpha, flow.Beta) + Math.Abs(lambda) * flow.Alpha);
            if (name == "adaptive")
            {
                double e = Error(h);
                return (e <= 100 * 1e-10 * 2).Label($"adaptive one-step error {e:E3} for tolerance 1e-10");
            }
            int p = ParticleSteppers.Create(name).Order;
            double coarse = Error(2 * h), fine = Error(h);
            return (fine <= 1.5 * Math.Pow(2, -(p + 1)) * coarse + 1e-14).Label($"{name} (order {p}): e(h) = {fine:E3}, e(2h) = {coarse:E3}, ratio {fine / coarse:F4}");
        });
}

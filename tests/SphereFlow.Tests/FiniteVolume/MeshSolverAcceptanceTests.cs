using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// The acceptance rule and retry loop of <see cref="MeshSolver.Advance"/>, driven by a scripted stepper and a scripted
/// energy so that every number is known in closed form: the stepper adds Δt to the mass of cell 0 (or reports a
/// negative mass), the objective's energy is C + κ·(total mass) with J ≡ 0 (nothing moves, so the positivity bound is
/// +∞ and Δt = dtMax). An attempt of size Δt therefore raises F by exactly κ·Δt, and the documented rule
/// "accept when F(ν_{n+1}) ≤ F(ν_n) + tol·max(|F(ν_n)|, |F(ν_{n+1})|), else halve, at most MaxRejections times"
/// predicts the accepted Δt, the rejection count and the counters exactly.
/// </summary>
public class MeshSolverAcceptanceTests
{
    private static readonly FlowSpec Wasserstein = new(FlowKind.Wasserstein, 0, 1);

    /// <summary>F(ν) = C + κ·ν(S^d), J ≡ 0.</summary>
    private sealed class ScriptedEnergy(int dim, double c, double kappa) : IObjective
    {
        public int AmbientDim => dim;
        public Linearization Linearize(Measure nu) => new Lin(c + kappa * nu.TotalMass);

        private sealed class Lin(double energy) : Linearization
        {
            public override double Energy => energy;
            public override void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS) { j.Clear(); gradS.Clear(); }
        }
    }

    /// <summary>next = mass + Δt e_0 when <c>admissible(Δt)</c>; otherwise next = mass with next[1] = −2.5 and false.</summary>
    private sealed class ScriptedStepper(Func<double, bool> admissible) : IMeshStepper
    {
        public List<double> Attempts { get; } = [];
        public string Name => "scripted";
        public bool ReactionInPositivityBound => false;

        public bool TryStep(MeshDiscretization disc, double[] mass, double[] j0, double dt, double[] next)
        {
            Attempts.Add(dt);
            mass.CopyTo(next, 0);
            if (!admissible(dt)) { next[1] = -2.5; return false; }
            next[0] += dt;
            return true;
        }
    }

    private static (MeshSolver Solver, ScriptedStepper Stepper) Make(double c, double kappa, MeshSolverOptions? options = null, Func<double, bool>? admissible = null)
    {
        var mesh = UniformCircleMesh.Create(8);
        var masses = new double[8];
        masses[3] = 1;   // total mass 1
        var stepper = new ScriptedStepper(admissible ?? (_ => true));
        return (new MeshSolver(new ScriptedEnergy(2, c, kappa), Wasserstein, mesh, masses, stepper, options), stepper);
    }

    [Fact]
    public void A_rise_within_the_relative_tolerance_is_accepted_without_a_retry()
    {
        // F0 = 1e3 + 1: tol·max|F| = 1e-12 · (1e3 + 1) ≈ 1.0e-9; a rise of κΔt = 1e-10 is ten times inside it.
        var (s, stepper) = Make(1e3, 1e-10 / 1e-3);
        var r = s.Advance(1e-3);
        Assert.Equal(0, r.Rejections);
        Assert.Equal(1e-3, r.Dt);
        Assert.Single(stepper.Attempts);
        Assert.Equal(0, s.UnresolvedEnergyRises);
    }

    [Fact]
    public void A_rise_beyond_the_tolerance_is_halved_until_it_fits()
    {
        // A rise κΔt = 1e-8 against tol ≈ 1.0e-9: halvings give 5e-9, 2.5e-9, 1.25e-9 (all > 1.0e-9) and 6.25e-10 (accepted),
        // so exactly 4 rejections and Δt = dtMax / 16.
        var (s, stepper) = Make(1e3, 1e-8 / 1e-3);
        var r = s.Advance(1e-3);
        Assert.Equal(4, r.Rejections);
        Assert.Equal(1e-3 / 16, r.Dt);
        Assert.Equal(5, stepper.Attempts.Count);
        Assert.Equal(0, s.UnresolvedEnergyRises);
        Assert.Equal(1 + 1e-3 / 16, s.Current.TotalMass, 15);
    }

    [Fact]
    public void An_unchanged_energy_is_accepted_with_zero_tolerance()
    {
        // κ = 0: F(ν_{n+1}) = F(ν_n) exactly; the rule is "≤", so a conserved energy is never rejected even at tol = 0.
        var (s, _) = Make(2, 0, new MeshSolverOptions { EnergyTolerance = 0 });
        var r = s.Advance(0.25);
        Assert.Equal(0, r.Rejections);
        Assert.Equal(0.25, r.Dt);
        Assert.Equal(0, s.UnresolvedEnergyRises);
    }

    [Fact]
    public void The_tolerance_scales_with_the_larger_of_the_two_energies()
    {
        // C = 0, κ = 1: F0 = 1, F1 = 1 + Δt; with tol = 0.5 the rule accepts iff Δt ≤ 0.5·max(1, 1 + Δt) = 0.5 (1 + Δt), i.e.
        // Δt ≤ 1. Δt = 0.8 is accepted at once (with the smaller energy, 0.5·1, it would need one halving).
        var (s, _) = Make(0, 1, new MeshSolverOptions { EnergyTolerance = 0.5 });
        var r = s.Advance(0.8);
        Assert.Equal(0, r.Rejections);
        Assert.Equal(0.8, r.Dt);
    }

    [Fact]
    public void A_rise_that_survives_all_halvings_is_accepted_and_counted()
    {
        // κ = 1, F0 = 1: a rise Δt never fits 1e-12·max|F| for Δt ≥ 0.1/8, so with MaxRejections = 3 the 4th attempt
        // (Δt = 0.1/8) is accepted as it is and counted once, in the property and in the statistics the summary reports.
        var (s, stepper) = Make(0, 1, new MeshSolverOptions { MaxRejections = 3 });
        var r = s.Advance(0.1);
        Assert.Equal(3, r.Rejections);
        Assert.Equal(0.1 / 8, r.Dt);
        Assert.Equal(4, stepper.Attempts.Count);
        Assert.Equal(1, s.UnresolvedEnergyRises);
        var stat = Assert.Single(s.Statistics);
        Assert.Equal("unresolved_energy_rises", stat.Name);
        Assert.Equal(1, stat.Value);
        Assert.False(string.IsNullOrWhiteSpace(stat.Description));
    }

    [Fact]
    public void A_negative_mass_after_all_halvings_throws_divergence_naming_the_step_and_the_mass()
    {
        // Inadmissible for every Δt > 0: MaxRejections = 2 allows 3 attempts, then DivergenceException at step 1 with the
        // most negative mass of the last attempt (−2.5).
        var (s, stepper) = Make(0, 0, new MeshSolverOptions { MaxRejections = 2 }, dt => dt == 0);
        var e = Assert.Throws<DivergenceException>(() => s.Advance(0.1));
        Assert.Equal(3, stepper.Attempts.Count);
        Assert.Equal(1, e.Step);
        Assert.Equal(-2.5, e.Value);
        Assert.Contains("mesh cell mass", e.Quantity, StringComparison.Ordinal);
        Assert.Equal(0, s.Steps);
    }

    [Fact]
    public void A_negative_mass_is_retried_with_halved_steps_up_to_the_limit()
    {
        // Admissible only for Δt ≤ dtMax/3: two halvings (Δt/4) are needed and MaxRejections = 2 allows exactly two.
        var (s, stepper) = Make(0, 0, new MeshSolverOptions { MaxRejections = 2 }, dt => dt <= 0.1 / 3);
        var r = s.Advance(0.1);
        Assert.Equal(2, r.Rejections);
        Assert.Equal(0.1 / 4, r.Dt);
        Assert.Equal(3, stepper.Attempts.Count);
    }

    [Fact]
    public void Each_step_reports_its_own_J_evaluations()
    {
        // The scripted stepper evaluates nothing, so each step costs exactly the one J evaluation at its start state.
        var (s, _) = Make(0, 0);
        Assert.Equal(1, s.Advance(0.1).Evaluations);
        Assert.Equal(1, s.Advance(0.1).Evaluations);
        Assert.Equal(2, s.Discretization.Evaluations);
    }

    [Fact]
    public void J_is_evaluated_once_per_state()
    {
        var (s, _) = Make(0, 0);
        _ = s.CurrentJ;
        _ = s.CurrentJ;
        _ = s.PositivityLimit();
        Assert.Equal(1, s.Discretization.Evaluations);
        Assert.Equal(0, s.Advance(0.1).Evaluations);   // J of the start state was already known
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_step_cap_that_is_not_finite_and_positive_is_refused(double dtMax)
    {
        var (s, stepper) = Make(0, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Advance(dtMax));
        Assert.Empty(stepper.Attempts);
    }
}

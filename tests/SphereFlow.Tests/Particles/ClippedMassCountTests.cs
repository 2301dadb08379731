using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Particles;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// Runge–Kutta particle steppers clip negative stage and step masses at 0 (a clipped atom never regains mass: dM ∝ M),
/// and count every clip in <c>clipped_masses</c>. The counts here are computed by hand from the tableau on a problem whose
/// reaction is a scalar linear ODE per atom.
/// </summary>
public class ClippedMassCountTests
{
    /// <summary>
    /// J(η) = c·η with c = e_0 (λ = 0), WFR with α = 1: the atom at η = e_0 has J = 1 and ∇_s J = 0, so it stays put and its
    /// mass follows m' = −m; the atom at −e_0 has J = −1 (grows, stays put); the atom at e_1 starts at J = 0 and moves
    /// downhill (J &lt; 0 afterwards: grows).
    /// </summary>
    private static (ParticleSolver Solver, Measure Start) Problem(string stepper, double alpha = 1)
    {
        var nu = new Measure(3, 3);
        nu.Point(0)[0] = 1;
        nu.Point(1)[0] = -1;
        nu.Point(2)[1] = 1;
        nu.Mass[0] = 0.5; nu.Mass[1] = 0.3; nu.Mass[2] = 0.2;
        var solver = new ParticleSolver(new LinearPotential([1.0, 0, 0], 0), new FlowSpec(FlowKind.Wfr, alpha, 1), nu.Clone(),
                                        ParticleSteppers.Create(stepper, new ParticleStepperOptions(1e-9)));
        return (solver, nu);
    }

    private static long Clipped(ParticleSolver s) => s.Statistics.Single(x => x.Name == "clipped_masses").Value;

    /// <summary>
    /// RK4 with h = 1.5 on m' = −m: k1 = −m, y2 = m(1 − 0.75) = 0.25m, k2 = −0.25m, y3 = m(1 − 0.1875) = 0.8125m,
    /// k3 = −0.8125m, y4 = m(1 − 1.21875) &lt; 0, clipped to 0 (one clip), k4 = 0, so the step gives
    /// m(1 − (h/6)(1 + 0.5 + 1.625)) = 0.21875m (the unclipped RK4 would give R(−1.5)m = 0.2734375m). Every step repeats
    /// this on the same atom (its mass stays positive), so n steps count n clips, and the mass is 0.21875^n·m.
    /// </summary>
    [Fact]
    public void Rk4_counts_one_clip_per_step_at_its_last_stage()
    {
        var (solver, start) = Problem("rk4");
        for (int n = 1; n <= 3; n++)
        {
            solver.Advance(1.5);
            Assert.Equal(n, Clipped(solver));
            Assert.Equal(start.Mass[0] * Math.Pow(0.21875, n), solver.Current.Mass[0], 1e-15);
        }
    }

    /// <summary>
    /// Negative control: with |z| = α|J|h ≤ 0.2 (|J| ≤ 1 here, h ≤ 0.2) no stage mass can go negative, so every stepper must
    /// count 0 (a stepper that counts every retraction, or zero masses, fails). For a reaction m' = −αJm the stage masses are
    /// m·p_i(z) with the tableau's stage polynomials; their minimum over |z| ≤ 0.2 is 0.818 for RK4 and 0.817 for
    /// Dormand–Prince 5(4) (evaluated from the tableaus), and the split exponential Euler step is a positive factor.
    /// </summary>
    [Theory]
    [MemberData(nameof(Steppers))]
    public void No_clip_is_counted_under_the_stage_bound(string stepper)
    {
        var (solver, _) = Problem(stepper);
        for (int n = 0; n < 20; n++) solver.Advance(0.2);
        Assert.Equal(0, Clipped(solver));
        Assert.All(solver.Current.Mass.ToArray(), m => Assert.True(m > 0));
    }

    /// <summary>The registered particle steppers.</summary>
    public static TheoryData<string> Steppers() => new(ParticleSteppers.Names);

    /// <summary>
    /// A clip survives a checkpoint: the count is part of the solver state, so a resumed run reports the clips made
    /// before the checkpoint.
    /// </summary>
    [Fact]
    public void Clip_count_is_checkpointed()
    {
        var (solver, _) = Problem("rk4");
        solver.Advance(1.5);
        solver.Advance(1.5);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) solver.WriteState(w);
        buffer.Position = 0;
        var (resumed, _) = Problem("rk4");
        using (var r = new BinaryReader(buffer)) resumed.ReadState(r);
        Assert.Equal(2, Clipped(resumed));
    }
}

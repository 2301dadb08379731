using SphereFlow.Flows;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Tests.Stepping;

/// <summary>The one solver clock: compensated time, counters, the step-cap guard and the checkpointed kind.</summary>
public class SolverClockTests
{
    [Fact]
    public void Time_after_a_million_steps_carries_no_summation_drift()
    {
        var clock = new SolverClock();
        double naive = 0;
        const int n = 1_000_000;
        for (int i = 0; i < n; i++) { clock.Tick(0.1, 2, i % 3 == 0 ? 1 : 0); naive += 0.1; }
        // The exact sum of n copies of fl(0.1) is n·fl(0.1) = 100000.00000000000555…; the compensated sum rounds it once
        // (error ≤ ½ ulp(1e5) ≈ 7.3e-12), the naive loop drifts by about 1.3e-6.
        double exact = n * 0.1;
        Assert.True(Math.Abs(clock.Time - exact) <= Math.ScaleB(1, -37), $"compensated error {clock.Time - exact:E2}");
        Assert.True(Math.Abs(naive - exact) > 1e-8, "control: naive summation drifts");
        Assert.Equal(n, clock.Steps);
        Assert.Equal(2L * n, clock.Evaluations);
        Assert.Equal((n + 2) / 3, clock.Rejections);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_step_cap_that_is_not_finite_and_positive_is_refused(double dt) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SolverClock.CheckCap(dt));

    [Fact]
    public void A_checkpoint_resumes_only_into_a_solver_of_the_same_kind()
    {
        var objective = new LinearPotential([0.6, -0.8, 0], 0.25);
        var start = ParticleInitialMeasures.Uniform(3, 20, 1, 2);
        var a = new ParticleSolver(objective, FlowSpec.Lifted, start, ParticleSteppers.Create("rk4"));
        for (int s = 0; s < 7; s++) a.Advance(0.01);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Write(w, a);
        var euler = new ParticleSolver(objective, FlowSpec.Lifted, start, ParticleSteppers.Create("euler"));
        buffer.Position = 0;
        using (var r = new BinaryReader(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            var e = Assert.Throws<InvalidDataException>(() => SolverCheckpoint.Read(r, euler));
            Assert.Equal("checkpoint is of a particles/rk4 run, the case is particles/euler", e.Message);
        }
        var b = new ParticleSolver(objective, FlowSpec.Lifted, start, ParticleSteppers.Create("rk4"));
        buffer.Position = 0;
        using (var r = new BinaryReader(buffer)) SolverCheckpoint.Read(r, b);
        Assert.Equal(a.Time, b.Time);
        Assert.Equal(7, b.Steps);
        Assert.Equal(a.Clock.Evaluations, b.Clock.Evaluations);
        Assert.Equal(a.Current.Points, b.Current.Points);
    }
}

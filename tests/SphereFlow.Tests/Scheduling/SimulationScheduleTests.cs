using SphereFlow.Flows;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Tests.Scheduling;

/// <summary>
/// The simulation's schedules: iteration and time intervals, specified times (steps shortened to land on them), the end of
/// the run, wall time, and a cooperative stop; callbacks in registration order.
/// </summary>
public class SimulationScheduleTests
{
    private static ParticleSolver Solver(string stepper = "rk4") =>
        new(new LinearPotential([0.6, -0.8, 0], 0.25), FlowSpec.Lifted, ParticleInitialMeasures.Uniform(3, 12, 1, 7), ParticleSteppers.Create(stepper));

    /// <summary>Records (step, t, final?) at each firing.</summary>
    private sealed class Log : ISimulationCallback
    {
        public List<(long Step, double T, bool Final)> Firings { get; } = [];
        public void Invoke(Simulation simulation) => Firings.Add((simulation.Solver.Steps, simulation.Solver.Time, simulation.IsFinal));
    }

    [Fact]
    public void Specified_times_shorten_the_steps_to_land_on_them()
    {
        var solver = Solver();
        var sim = new Simulation(solver, 0.3, 2.0);
        var steps = sim.Add(new Log(), IterationInterval.EveryStep);
        var at = sim.Add(new Log(), new SpecifiedTimes(0.5, 1.0, 1.7));
        sim.Run();
        Assert.Equal([0.5, 1.0, 1.7], at.Firings.Select(f => Math.Round(f.T, 12)));
        foreach (var f in at.Firings) Assert.True(Math.Abs(f.T - Math.Round(f.T, 1)) <= 1e-12 * Math.Max(1, f.T), $"fired at {f.T:R}");
        // Steps: 0.3, 0.2 | 0.3, 0.2 | 0.3, 0.3, 0.1 | 0.3 — each landing step is the remainder, the others Δt.
        var t = steps.Firings.Select(f => f.T).ToArray();
        var dt = t.Zip(t.Skip(1), (a, b) => Math.Round(b - a, 12)).ToArray();
        Assert.Equal([0.3, 0.2, 0.3, 0.2, 0.3, 0.3, 0.1, 0.3], dt);
        Assert.Equal(2.0, solver.Time, 12);
        Assert.True(steps.Firings[^1].Final && steps.Firings.Take(steps.Firings.Count - 1).All(f => !f.Final));
    }

    [Fact]
    public void Time_and_iteration_intervals_fire_at_their_multiples_and_at_the_start()
    {
        var sim = new Simulation(Solver(), 0.1, 1.0);
        var time = sim.Add(new Log(), new TimeInterval(0.25));
        var every3 = sim.Add(new Log(), new IterationInterval(3));
        var recording = sim.Add(new Log(), new AnyOf(new IterationInterval(3), AtEnd.Instance));
        sim.Run();
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], time.Firings.Select(f => Math.Round(f.T, 12)));
        Assert.All(every3.Firings, f => Assert.Equal(0, f.Step % 3));
        Assert.Equal(12, sim.Solver.Steps);   // 0.1, 0.1, 0.05 per quarter
        Assert.Equal([0L, 3, 6, 9, 12], recording.Firings.Select(f => f.Step));   // the last step is a multiple of 3: once
        Assert.True(recording.Firings[^1].Final);
    }

    [Fact]
    public void Landing_on_times_that_are_step_boundaries_leaves_the_trajectory_unchanged()
    {
        // Snapshots at multiples of Δt must not perturb the run: a remainder equal to Δt up to rounding is taken as Δt.
        var plain = Solver();
        new Simulation(plain, 0.05, 1.5).Run();
        var watched = Solver();
        var sim = new Simulation(watched, 0.05, 1.5);
        var at = sim.Add(new MeasureSnapshots(), new SpecifiedTimes(0.1, 0.35, 0.7, 1.05));
        sim.Add(new Log(), new TimeInterval(0.15));
        sim.Run();
        Assert.Equal(4, at.Taken.Count);
        Assert.Equal(plain.Steps, watched.Steps);
        Assert.Equal(plain.Current.Points, watched.Current.Points);
        Assert.Equal(plain.Current.Mass, watched.Current.Mass);
    }

    [Fact]
    public void A_requested_stop_ends_the_run_after_the_step_as_its_final_step_and_the_run_continues_bit_for_bit()
    {
        var whole = Solver("euler");
        new Simulation(whole, 0.1, 2.0).Run();
        var solver = Solver("euler");
        var sim = new Simulation(solver, 0.1, 2.0);
        sim.Add(new SimulationAction(s => { if (s.Solver.Steps == 4) s.RequestStop("test"); }), IterationInterval.EveryStep);
        var end = sim.Add(new Log(), AtEnd.Instance);
        sim.Run();
        Assert.Equal(4, solver.Steps);
        Assert.Equal("test", sim.StopReason);
        Assert.Equal([(4L, true)], end.Firings.Select(f => (f.Step, f.Final)));
        sim.Run();   // continues to the stop time (the stop request was consumed)
        Assert.Null(sim.StopReason);
        Assert.Equal(whole.Steps, solver.Steps);
        Assert.Equal(whole.Current.Points, solver.Current.Points);
        Assert.Equal(2, end.Firings.Count);
    }

    [Fact]
    public void Wall_time_intervals_fire_by_the_clock()
    {
        var sim = new Simulation(Solver(), 0.1, 0.5);
        var often = sim.Add(new Log(), new WallTimeInterval(1e-12));
        var never = sim.Add(new Log(), new WallTimeInterval(1e6));
        sim.Run();
        Assert.Equal(6, often.Firings.Count);   // the start of the run and its 5 steps
        Assert.Empty(never.Firings);
    }

    [Fact]
    public void Callbacks_due_together_run_in_registration_order_and_a_failing_one_ends_the_run()
    {
        var order = new List<string>();
        var sim = new Simulation(Solver(), 0.1, 1.0);
        sim.Add(new SimulationAction(_ => order.Add("a")), IterationInterval.EveryStep);
        sim.Add(new SimulationAction(s => { order.Add("b"); if (s.Solver.Steps == 2) throw new DivergenceException(2, s.Solver.Time, "test", 1); }), IterationInterval.EveryStep);
        sim.Add(new SimulationAction(_ => order.Add("c")), IterationInterval.EveryStep);
        Assert.Throws<DivergenceException>(sim.Run);
        Assert.Equal("abcabcab", string.Concat(order));
    }
}

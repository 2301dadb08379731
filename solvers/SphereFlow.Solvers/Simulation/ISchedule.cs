namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// When a callback of a <see cref="Simulation"/> runs: asked after every step (and once before the first step of a fresh
/// run) whether it is due. Time-based schedules also name the next time the run should land on, and the simulation
/// shortens its step to land there. A schedule may keep state (the next time, the last wall-clock firing), set up by
/// <see cref="Initialize"/> at the start of every <see cref="Simulation.Run(double)"/>.
/// </summary>
public interface ISchedule
{
    /// <summary>Sets up the schedule for a run starting at the simulation's present time and step.</summary>
    void Initialize(Simulation simulation) { }

    /// <summary>Whether the callback is due now (called once per firing, in order; may advance the schedule's state).</summary>
    bool IsDue(Simulation simulation);

    /// <summary>The next time, later than now, that steps should land on (+∞ when the schedule is not time-based).</summary>
    double NextTime(Simulation simulation) => double.PositiveInfinity;
}

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Something a <see cref="Simulation"/> does on a schedule: record a series row, check for divergence, write a file,
/// report progress, request a stop. Registered with <see cref="Simulation.Add{T}"/>; callbacks due at the same moment run
/// in registration order, and an exception from one ends the run.
/// </summary>
public interface ISimulationCallback
{
    /// <summary>Called at the start of every run, before any firing.</summary>
    void Initialize(Simulation simulation) { }

    /// <summary>Called when the schedule is due.</summary>
    void Invoke(Simulation simulation);
}

/// <summary>A callback with its schedule.</summary>
/// <param name="Callback">What to do.</param>
/// <param name="Schedule">When.</param>
public sealed record ScheduledCallback(ISimulationCallback Callback, ISchedule Schedule);

namespace SphereFlow.Solvers.Simulation;

/// <summary>Due after the last step of a run: the stop time was reached or a stop was requested (<see cref="Simulation.IsFinal"/>).</summary>
public sealed class AtEnd : ISchedule
{
    /// <summary>The schedule.</summary>
    public static AtEnd Instance { get; } = new();

    private AtEnd() { }

    /// <inheritdoc/>
    public bool IsDue(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        return simulation.IsFinal;
    }
}

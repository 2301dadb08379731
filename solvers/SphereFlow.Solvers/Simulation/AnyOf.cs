namespace SphereFlow.Solvers.Simulation;

/// <summary>Due when any of its schedules is due (every one is asked, so stateful schedules stay in step); lands on the earliest of their times.</summary>
public sealed class AnyOf : ISchedule
{
    private readonly ISchedule[] _schedules;

    /// <summary>Combines schedules.</summary>
    public AnyOf(params ISchedule[] schedules)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        if (schedules.Length == 0 || schedules.Any(s => s is null)) throw new ArgumentException("AnyOf needs at least one schedule");
        _schedules = schedules;
    }

    /// <summary>The combined schedules.</summary>
    public IReadOnlyList<ISchedule> Schedules => _schedules;

    /// <inheritdoc/>
    public void Initialize(Simulation simulation)
    {
        foreach (var s in _schedules) s.Initialize(simulation);
    }

    /// <inheritdoc/>
    public bool IsDue(Simulation simulation)
    {
        bool due = false;
        foreach (var s in _schedules) due |= s.IsDue(simulation);
        return due;
    }

    /// <inheritdoc/>
    public double NextTime(Simulation simulation)
    {
        double next = double.PositiveInfinity;
        foreach (var s in _schedules) next = Math.Min(next, s.NextTime(simulation));
        return next;
    }
}

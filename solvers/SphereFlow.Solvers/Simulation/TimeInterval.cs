namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Due at every multiple k·<see cref="Interval"/> of the simulation time (0 included at the start of a fresh run); the
/// simulation shortens its steps to land on them (up to <see cref="Simulation.TimeTolerance"/>).
/// </summary>
public sealed class TimeInterval : ISchedule
{
    private double _next;

    /// <summary>Creates the schedule.</summary>
    public TimeInterval(double interval)
    {
        if (!(interval > 0) || !double.IsFinite(interval)) throw new ArgumentException($"time interval must be finite and > 0 (got {interval})");
        Interval = interval;
    }

    /// <summary>Time between firings.</summary>
    public double Interval { get; }

    /// <inheritdoc/>
    public void Initialize(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        double t = simulation.Solver.Time, m = Math.Floor(t / Interval) * Interval;
        _next = Math.Abs(t - m) <= Simulation.TimeTolerance(m) ? m : m + Interval;
        // A resumed run fired at its present time before its checkpoint; a fresh one fires at its start (t = 0).
        if (simulation.Solver.Steps > 0)
            while (Simulation.Reached(t, _next)) _next += Interval;
    }

    /// <inheritdoc/>
    public bool IsDue(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        double t = simulation.Solver.Time;
        if (!Simulation.Reached(t, _next)) return false;
        while (Simulation.Reached(t, _next)) _next += Interval;
        return true;
    }

    /// <inheritdoc/>
    public double NextTime(Simulation simulation) => _next;
}

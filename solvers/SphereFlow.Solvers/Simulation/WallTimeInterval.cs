namespace SphereFlow.Solvers.Simulation;

/// <summary>Due after a step once at least <see cref="Seconds"/> of wall-clock time have passed since the last firing (or the start of the run): e.g. periodic checkpoints of long runs.</summary>
public sealed class WallTimeInterval : ISchedule
{
    private double _last;

    /// <summary>Creates the schedule.</summary>
    public WallTimeInterval(double seconds)
    {
        if (!(seconds > 0) || !double.IsFinite(seconds)) throw new ArgumentException($"wall-time interval must be finite and > 0 (got {seconds})");
        Seconds = seconds;
    }

    /// <summary>Wall-clock seconds between firings.</summary>
    public double Seconds { get; }

    /// <inheritdoc/>
    public void Initialize(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _last = simulation.WallSeconds;
    }

    /// <inheritdoc/>
    public bool IsDue(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        double now = simulation.WallSeconds;
        if (now - _last < Seconds) return false;
        _last = now;
        return true;
    }
}

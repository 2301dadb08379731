namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Due at each of the given times (a time of 0 fires at the start of a fresh run); the simulation shortens its steps to
/// land on them (up to <see cref="Simulation.TimeTolerance"/>).
/// </summary>
public sealed class SpecifiedTimes : ISchedule
{
    private readonly double[] _times;
    private int _next;

    /// <summary>Creates the schedule from finite times ≥ 0 (sorted; duplicates merged).</summary>
    public SpecifiedTimes(params double[] times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Any(t => !(t >= 0) || !double.IsFinite(t))) throw new ArgumentException("specified times must be finite and ≥ 0");
        _times = [.. times.Distinct().Order()];
    }

    /// <summary>The times, increasing.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <inheritdoc/>
    public void Initialize(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        double t = simulation.Solver.Time;
        bool fresh = simulation.Solver.Steps == 0;
        _next = 0;
        // A fresh run fires at its start for a time equal to it; a resumed run fired at its present time before its checkpoint.
        while (_next < _times.Length && (fresh ? t - _times[_next] > Simulation.TimeTolerance(_times[_next]) : Simulation.Reached(t, _times[_next]))) _next++;
    }

    /// <inheritdoc/>
    public bool IsDue(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        double t = simulation.Solver.Time;
        if (_next >= _times.Length || !Simulation.Reached(t, _times[_next])) return false;
        while (_next < _times.Length && Simulation.Reached(t, _times[_next])) _next++;
        return true;
    }

    /// <inheritdoc/>
    public double NextTime(Simulation simulation) => _next < _times.Length ? _times[_next] : double.PositiveInfinity;
}

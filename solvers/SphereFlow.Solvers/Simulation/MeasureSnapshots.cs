using SphereFlow.Measures;

namespace SphereFlow.Solvers.Simulation;

/// <summary>One captured state: time, step and a copy of ν_t.</summary>
/// <param name="T">Time.</param>
/// <param name="Step">Step.</param>
/// <param name="Measure">A copy of the measure.</param>
public sealed record MeasureSnapshot(double T, long Step, Measure Measure);

/// <summary>Keeps a copy of ν_t each time it is due (e.g. on <see cref="SpecifiedTimes"/>), and hands it to <paramref name="onSnapshot"/> when given.</summary>
/// <param name="onSnapshot">Called with each snapshot (may be null).</param>
public sealed class MeasureSnapshots(Action<MeasureSnapshot>? onSnapshot = null) : ISimulationCallback
{
    private readonly List<MeasureSnapshot> _taken = [];

    /// <summary>The snapshots so far.</summary>
    public IReadOnlyList<MeasureSnapshot> Taken => _taken;

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var s = new MeasureSnapshot(simulation.Solver.Time, simulation.Solver.Steps, simulation.Solver.Current.Clone());
        _taken.Add(s);
        onSnapshot?.Invoke(s);
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// The criteria of a <see cref="StopSpec"/> on F and min J, checked on the recording schedule (after the recorder, so the
/// row that meets a criterion is recorded): the first one met requests a stop (<see cref="Simulation.RequestStop"/>) naming
/// the key and the values.
/// </summary>
/// <param name="diagnostics">The run's diagnostics (computed once per step, shared with the recorder).</param>
/// <param name="spec">The criteria.</param>
public sealed class DiagnosticStopCriteria(RunDiagnostics diagnostics, StopSpec spec) : ISimulationCallback
{
    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (spec.EnergyBelow is null && spec.MinJAbove is null) return;
        var d = diagnostics.Current;
        var solver = diagnostics.Solver;
        string at = string.Create(CultureInfo.InvariantCulture, $"at step {solver.Steps} (t = {solver.Time:G6})");
        if (spec.EnergyBelow is { } fMax && d.Energy < fMax)
            simulation.RequestStop(string.Create(CultureInfo.InvariantCulture, $"stop.energy_below: F = {d.Energy:E6} < {fMax:G6} {at}"));
        else if (spec.MinJAbove is { } jMin)
        {
            bool bound = !double.IsNaN(d.MinJLowerBound);
            double value = bound ? d.MinJLowerBound : d.MinJ;
            if (value > jMin)
                simulation.RequestStop(string.Create(CultureInfo.InvariantCulture,
                    $"stop.min_J_above: min J {(bound ? "≥" : "≈")} {value:E6} > {jMin:G6} {at} ({(bound ? "rigorous lower bound" : "estimate: no rigorous bound for this problem")})"));
        }
    }
}

/// <summary>
/// <c>stop.wall_time</c>: requests a stop once this invocation has run for <paramref name="seconds"/> of wall-clock time
/// (a resumed run counts from its own start, so a batch job can resume in the next allocation); every invocation takes at
/// least one step, so a chain of them always advances. Run it every step.
/// </summary>
/// <param name="seconds">The limit, &gt; 0.</param>
public sealed class WallTimeStop(double seconds) : ISimulationCallback
{
    private readonly Stopwatch _clock = new();
    private long _startStep;

    /// <inheritdoc/>
    public void Initialize(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _startStep = simulation.Solver.Steps;
        _clock.Restart();
    }

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (simulation.Solver.Steps == _startStep) return;
        double s = _clock.Elapsed.TotalSeconds;
        if (s >= seconds)
            simulation.RequestStop(string.Create(CultureInfo.InvariantCulture,
                $"stop.wall_time: {s:F1} s ≥ {seconds:G6} s at step {simulation.Solver.Steps} (t = {simulation.Solver.Time:G6})"));
    }
}

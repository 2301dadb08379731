namespace SphereFlow.Solvers.Simulation;

/// <summary>One progress line per new series row (step, t, F, mass, min J), to <paramref name="write"/>.</summary>
/// <param name="recorder">The series recorder (registered before this callback).</param>
/// <param name="write">Where lines go.</param>
public sealed class ProgressReporter(SeriesRecorder recorder, Action<string> write) : ISimulationCallback
{
    private long _printed = -1;

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        if (recorder.Series.Count == 0) return;
        var r = recorder.Series[^1];
        if (r.Step == _printed) return;
        _printed = r.Step;
        write($"step {r.Step,8}  t = {r.T,10:F4}  F = {r.Diagnostics.Energy,14:E6}  mass = {r.Diagnostics.Mass,12:E5}  min J ≈ {r.Diagnostics.MinJ,12:E4}" +
              (double.IsNaN(r.Diagnostics.MinJLowerBound) ? " (estimate)" : $" ≥ {r.Diagnostics.MinJLowerBound,12:E4} (bound)"));
    }
}

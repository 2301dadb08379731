using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cli.Progress;

/// <summary>
/// Progress for redirected output (a log file, a batch job): one plain line (<see cref="ProgressSample.Line"/>) each time it is
/// due, registered on a wall-clock schedule so that a run is never silent for long, whatever its <c>output.every</c>.
/// </summary>
/// <param name="write">Where lines go.</param>
public sealed class PlainProgress(Action<string> write) : ISimulationCallback
{
    private readonly ProgressSample _sample = new();

    /// <summary>Default wall-clock seconds between lines.</summary>
    public const double DefaultInterval = 10;

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        _sample.Take(simulation, forceEnergy: true);
        if (double.IsNaN(_sample.StepsPerSecond)) return; // no step yet in this invocation: nothing to report beyond the first row
        write(_sample.Line());
    }
}

using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// A request from outside the run (a signal: Ctrl-C, SIGTERM) to stop cleanly: the run finishes its present step, then
/// writes its end-of-run outputs (series row, checkpoint, final.csv) and its summary with status <c>interrupted</c>.
/// Thread-safe: <see cref="Request"/> may come from a signal handler's thread, and before the run starts (it then stops
/// before its first step).
/// </summary>
public sealed class RunInterruption
{
    private readonly object _gate = new();
    private Simulation.Simulation? _simulation;

    /// <summary>The signal that asked to stop (e.g. "SIGINT"), or null.</summary>
    public string? Signal { get; private set; }

    /// <summary>Asks the run to stop after its present step because of <paramref name="signal"/> (the first request is kept).</summary>
    public void Request(string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (_gate)
        {
            Signal ??= signal;
            _simulation?.RequestStop(Reason);
        }
    }

    /// <summary>The stop reason the simulation gets.</summary>
    public string Reason => $"interrupted by {Signal}";

    /// <summary>Connects the run (a request that came earlier applies now).</summary>
    public void Attach(Simulation.Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        lock (_gate)
        {
            _simulation = simulation;
            if (Signal is not null) simulation.RequestStop(Reason);
        }
    }
}

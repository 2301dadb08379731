using System.Runtime.InteropServices;
using SphereFlow.Solvers.Output;

namespace SphereFlow.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM during <c>run</c>: the first one asks the run to stop cleanly (<see cref="RunInterruption"/>:
/// finish the step, write the checkpoint, series, final.csv, plots and summary with status interrupted, then exit 130 or
/// 143); a second one ends the process at once. Dispose to restore the default handling.
/// </summary>
public sealed class RunSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Registers the handlers; <paramref name="notice"/> receives one line when the first signal arrives.</summary>
    public RunSignals(Action<string> notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, "SIGINT", notice)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, "SIGTERM", notice)),
        ];
    }

    /// <summary>The run's interruption, requested by the first signal.</summary>
    public RunInterruption Interruption { get; } = new();

    /// <summary>The exit code of an interrupted run: 128 + the signal number (130 for SIGINT, 143 for SIGTERM).</summary>
    public static int ExitCode(string signal) => signal == "SIGTERM" ? 143 : 130;

    private void Handle(PosixSignalContext context, string signal, Action<string> notice)
    {
        if (Interruption.Signal is not null) return; // the second signal: the default handling ends the process
        context.Cancel = true;
        Interruption.Request(signal);
        notice($"{signal}: finishing the present step, then writing the checkpoint and outputs (send it again to stop at once)");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
    }
}

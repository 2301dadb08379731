using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary>How <see cref="CaseRunner"/> runs a case besides the case itself.</summary>
public sealed record CaseRunOptions
{
    /// <summary>A run folder to resume from (its checkpoint, series and snapshots), or null for a fresh run.</summary>
    public string? ResumeDir { get; init; }

    /// <summary>The case text written as case.resolved.yaml (a case file that runs again), or null.</summary>
    public string? CaseText { get; init; }

    /// <summary>The case keys that fix the trajectory (stored in checkpoints, compared on resume; see <see cref="CaseFingerprint"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? CaseKeys { get; init; }

    /// <summary>One line per series row (null: none).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Further callbacks (live progress…), added after the standard ones and before the writers.</summary>
    public IReadOnlyList<ScheduledCallback> Callbacks { get; init; } = [];

    /// <summary>Called with each snapshot and its index in the series (e.g. to draw it), after it is written.</summary>
    public Action<int, IO.MeasureSnapshot>? OnSnapshot { get; init; }

    /// <summary>Stops the run cleanly from outside (signals).</summary>
    public RunInterruption? Interruption { get; init; }
}

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Stop criteria of a run (the <c>stop:</c> section): a run that meets one ends before <c>t_end</c> as if it had reached it
/// (final.csv, checkpoint and summary written; status <c>stopped</c> with the reason). All are off by default.
/// </summary>
public sealed record StopSpec
{
    /// <summary>Stop at the first recorded row with F(ν_t) below this value (null: off).</summary>
    public double? EnergyBelow { get; init; }

    /// <summary>
    /// Stop at the first recorded row whose min J is above this value (null: off): the rigorous lower bound of min J where the
    /// run computes one (then F(ν) − F* is certified small), else the estimate.
    /// </summary>
    public double? MinJAbove { get; init; }

    /// <summary>Stop after this many wall-clock seconds of this invocation (null: off); checked after every step.</summary>
    public double? WallTime { get; init; }

    /// <summary>Whether any criterion is set.</summary>
    public bool Any => EnergyBelow is not null || MinJAbove is not null || WallTime is not null;
}

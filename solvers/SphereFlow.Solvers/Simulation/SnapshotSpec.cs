namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// When a run writes snapshots of ν_t (<c>output.snapshots</c>): every <see cref="Every"/> steps, every
/// <see cref="Interval"/> units of time, or at the listed <see cref="Times"/> (exactly one is set). Time-based schedules
/// make the steps land on the snapshot times.
/// </summary>
public sealed record SnapshotSpec
{
    /// <summary>A snapshot every this many steps (step 0 included).</summary>
    public long? Every { get; init; }
    /// <summary>A snapshot at every multiple of this time (t = 0 included).</summary>
    public double? Interval { get; init; }
    /// <summary>Snapshots at these times.</summary>
    public IReadOnlyList<double>? Times { get; init; }

    /// <summary>The schedule.</summary>
    public ISchedule CreateSchedule()
    {
        if ((Every is null ? 0 : 1) + (Interval is null ? 0 : 1) + (Times is null ? 0 : 1) != 1)
            throw new IO.SpecException("snapshots", "give exactly one of every (steps), interval (time) or times (a list)");
        if (Every is { } n) return n >= 1 ? new IterationInterval(n) : throw new IO.SpecException("snapshots.every", $"must be ≥ 1 (got {n})");
        if (Interval is { } dt) return new TimeInterval(dt);
        return new SpecifiedTimes([.. Times!]);
    }

    /// <summary>How many snapshots a run of <paramref name="steps"/> steps to <paramref name="tEnd"/> writes, at most.</summary>
    public long CountAtMost(long steps, double tEnd)
    {
        if (Every is { } n) return steps / Math.Max(1, n) + 1;
        if (Interval is { } dt) return (long)Math.Min(long.MaxValue / 2, Math.Floor(tEnd / dt)) + 1;
        return Times?.Count(t => t <= tEnd) ?? 0;
    }
}

namespace SphereFlow.Solvers.Simulation;

/// <summary>Due at every step number that is a multiple of <see cref="Interval"/> (step 0 included: the start of a fresh run).</summary>
/// <param name="Interval">Steps between firings, ≥ 1.</param>
public sealed record IterationInterval(long Interval) : ISchedule
{
    /// <summary>Every step.</summary>
    public static IterationInterval EveryStep { get; } = new(1);

    /// <inheritdoc/>
    public bool IsDue(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (Interval < 1) throw new ArgumentException($"iteration interval must be ≥ 1 (got {Interval})");
        return simulation.Solver.Steps % Interval == 0;
    }
}

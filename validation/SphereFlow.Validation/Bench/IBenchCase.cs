using SphereFlow.Registries;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// One case of the <c>sphereflow bench</c> performance suite. A case times its own work (best of a few repetitions
/// with <see cref="BenchTimer"/>) and reports measurements; ratios between measurements of one run are what the
/// suite reports, never absolute timings in tests. A new case is one class plus one line in <see cref="BenchSuite"/>.
/// </summary>
public interface IBenchCase : IRegistration
{
    // Name (IRegistration): a short name, e.g. "mesh.icosahedral.l7".

    /// <summary>One line on what it times (default: its name).</summary>
    string IRegistration.Description => Name;

    /// <summary>Runs the case (smaller sizes when <paramref name="quick"/>) and returns its measurements.</summary>
    IReadOnlyList<BenchMeasurement> Run(bool quick);

    /// <summary>True for long cases that run only when <c>--filter</c> is exactly their name.</summary>
    bool OnlyWhenNamed => false;
}

/// <summary>One measured quantity.</summary>
/// <param name="Name">What was measured, e.g. "build level 7".</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Unit, e.g. "s", "MB", "ratio".</param>
/// <param name="Target">Optional target the value must not exceed (e.g. 5 s), NaN if none.</param>
/// <param name="AtLeast">Optional target the value must reach (e.g. a speed-up of 3), NaN if none.</param>
public sealed record BenchMeasurement(string Name, double Value, string Unit, double Target = double.NaN, double AtLeast = double.NaN)
{
    /// <summary>True when there is no target or the value meets it.</summary>
    public bool MeetsTarget => (double.IsNaN(Target) || Value <= Target) && (double.IsNaN(AtLeast) || Value >= AtLeast);
}

/// <summary>Timing helper: best wall time over repetitions, after one warm-up call.</summary>
public static class BenchTimer
{
    /// <summary>Best of <paramref name="repetitions"/> timed calls (seconds), after a warm-up call.</summary>
    public static double Best(Action action, int repetitions = 3)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        double best = double.PositiveInfinity;
        for (int r = 0; r < repetitions; r++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>
    /// Best wall time (seconds) over repeated calls after a warm-up call: at least <paramref name="minRepetitions"/>, then more
    /// until <paramref name="budget"/> seconds have been spent (at most <paramref name="maxRepetitions"/>). On a shared machine the
    /// minimum over many short calls is the least disturbed estimate of the cost.
    /// </summary>
    public static double BestFor(Action action, double budget = 0.3, int minRepetitions = 3, int maxRepetitions = 2000)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        double best = double.PositiveInfinity;
        var total = System.Diagnostics.Stopwatch.StartNew();
        for (int r = 0; r < maxRepetitions && (r < minRepetitions || total.Elapsed.TotalSeconds < budget); r++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    /// <summary>
    /// Process CPU time (seconds) per call of <paramref name="action"/> run on one thread (<see cref="Numerics.ParallelRanges.LimitThreads"/>):
    /// the least over batches of calls filling about <paramref name="budget"/> seconds each. Time-sharing with other processes
    /// does not count, so ratios of these figures hold on a loaded machine (cache and SMT contention still do).
    /// </summary>
    public static double CpuPerCall(Action action, double budget = 0.3, int batches = 3)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var one = Numerics.ParallelRanges.LimitThreads(1);
        var process = System.Diagnostics.Process.GetCurrentProcess();
        action();
        var probe = System.Diagnostics.Stopwatch.StartNew();
        action();
        int calls = (int)Math.Clamp(budget / Math.Max(probe.Elapsed.TotalSeconds, 1e-6), 1, 100_000);
        double best = double.PositiveInfinity;
        for (int b = 0; b < batches; b++)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            for (int i = 0; i < calls; i++) action();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - c0).TotalSeconds / calls);
        }
        return best;
    }

    /// <summary>Median wall time (seconds) of <paramref name="repetitions"/> timed calls after a warm-up call.</summary>
    public static double Median(Action action, int repetitions = 5)
    {
        ArgumentNullException.ThrowIfNull(action);
        action();
        var t = new double[repetitions];
        for (int r = 0; r < repetitions; r++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            action();
            t[r] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(t);
        return t[repetitions / 2];
    }

    /// <summary>Wall time of one call (seconds), no warm-up, and the managed bytes allocated by it.</summary>
    public static (double Seconds, long AllocatedBytes) Once(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        long a0 = GC.GetTotalAllocatedBytes(true);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        action();
        double s = sw.Elapsed.TotalSeconds;
        return (s, GC.GetTotalAllocatedBytes(true) - a0);
    }
}

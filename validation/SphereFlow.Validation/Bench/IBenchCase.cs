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
}

/// <summary>One measured quantity.</summary>
/// <param name="Name">What was measured, e.g. "build level 7".</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Unit, e.g. "s", "MB", "ratio".</param>
/// <param name="Target">Optional target the value must not exceed (e.g. 5 s), NaN if none.</param>
public sealed record BenchMeasurement(string Name, double Value, string Unit, double Target = double.NaN)
{
    /// <summary>True when there is no target or the value meets it.</summary>
    public bool MeetsTarget => double.IsNaN(Target) || Value <= Target;
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

using System.Globalization;
using SphereFlow.IO;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Limits a case must fit before anything is allocated: its memory estimate within <see cref="MaxBytes"/> (default: the
/// memory available now, <see cref="AvailableMemory"/>) and its step count within <see cref="MaxSteps"/> (default
/// <see cref="DefaultMaxSteps"/>). The command line overrides both (<c>--max-memory</c>, <c>--max-steps</c>).
/// </summary>
/// <param name="MaxBytes">Largest memory estimate accepted.</param>
/// <param name="MaxSteps">Largest step count accepted.</param>
public sealed record ResourceLimits(double MaxBytes, double MaxSteps)
{
    /// <summary>Default step limit: 10⁸ steps (a day at 1 ms a step); a case that needs more almost always has a mistaken dt.</summary>
    public const double DefaultMaxSteps = 1e8;

    /// <summary>The default limits.</summary>
    public static ResourceLimits Default() => new(AvailableMemory(), DefaultMaxSteps);

    /// <summary>
    /// Memory available to this process now: the least of the kernel's MemAvailable (Linux, /proc/meminfo) and the runtime's
    /// limit (physical memory or a container's cgroup limit).
    /// </summary>
    public static double AvailableMemory()
    {
        double limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        try
        {
            if (File.Exists("/proc/meminfo"))
                foreach (var line in File.ReadLines("/proc/meminfo"))
                    if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    {
                        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        if (parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var kb)) limit = Math.Min(limit, kb * 1024);
                    }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return limit;
    }

    /// <summary>
    /// Throws an <see cref="InputException"/> (prefixed with <paramref name="source"/>, the case file) when the estimate breaks a
    /// limit, naming the keys of the largest terms and the option that overrides the limit.
    /// </summary>
    public void Check(ResourceEstimate estimate, string source)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        if (!(estimate.MinSteps <= MaxSteps))
            throw new InputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: solver.t_end / solver.dt = {estimate.MinSteps:G4} steps at least, more than the limit of {MaxSteps:G4}; raise solver.dt or lower solver.t_end (or allow it with --max-steps)"));
        if (!(estimate.Bytes <= MaxBytes))
        {
            var big = estimate.Terms.Where(t => t.Keys.Length > 0).OrderByDescending(t => t.Bytes).Take(2).Where(t => t.Bytes >= 0.1 * estimate.Bytes).ToList();
            string parts = string.Join("; ", big.Select(t => $"{t.What}: {ResourceEstimate.Format(t.Bytes)} [{t.Keys}]"));
            string keys = string.Join(", ", big.Select(t => t.Keys));
            throw new InputException(
                $"{source}: the run needs about {ResourceEstimate.Format(estimate.Bytes)} of memory (estimate), more than the {ResourceEstimate.Format(MaxBytes)} available ({parts}); reduce {keys} (or allow it with --max-memory)");
        }
    }
}

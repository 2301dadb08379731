using SphereFlow.Solvers.Stepping;
namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Rises of F between consecutive recorded rows of a gradient-flow run. F is non-increasing along every flow here
/// (Wasserstein, WFR, deterministic birth–death), so a rise beyond round-off means the time step is too large for the
/// stepper (e.g. RK4 past its stability limit oscillates without blowing up); runs report the count instead of hiding it.
/// </summary>
/// <param name="Count">Rows whose energy exceeds the previous row's by more than the tolerance.</param>
/// <param name="FirstStep">Step of the first such row (−1 when none).</param>
/// <param name="FirstTime">Time of the first such row (NaN when none).</param>
/// <param name="LargestRelativeRise">Largest (F_k − F_{k−1}) / max(|F_{k−1}|, |F_k|) over all rows (≤ 0 when F never rose).</param>
public readonly record struct EnergyRises(int Count, long FirstStep, double FirstTime, double LargestRelativeRise)
{
    /// <summary>Relative tolerance: rises below 1e-9 · max(|F_{k−1}|, |F_k|) are round-off and stepper-tolerance noise.</summary>
    public const double DefaultTolerance = 1e-9;

    /// <summary>Scans a series.</summary>
    public static EnergyRises Scan(IReadOnlyList<SeriesRow> series, double tolerance = DefaultTolerance)
    {
        ArgumentNullException.ThrowIfNull(series);
        int count = 0;
        long first = -1;
        double firstT = double.NaN, largest = double.NegativeInfinity;
        for (int k = 1; k < series.Count; k++)
        {
            double prev = series[k - 1].Diagnostics.Energy, cur = series[k].Diagnostics.Energy;
            double scale = Math.Max(Math.Abs(prev), Math.Abs(cur));
            if (!(scale > 0)) continue;
            double rel = (cur - prev) / scale;
            largest = Math.Max(largest, rel);
            if (rel > tolerance)
            {
                if (count++ == 0) { first = series[k].Step; firstT = series[k].T; }
            }
        }
        return new EnergyRises(count, first, firstT, largest);
    }
}

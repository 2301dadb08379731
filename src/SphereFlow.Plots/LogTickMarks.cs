using System.Globalization;
using ScottPlot;

namespace SphereFlow.Plots;

/// <summary>
/// Ticks for an axis that shows log10 of the data, chosen from the range shown so that every plot has at least three
/// labelled ticks: powers of ten over wide ranges (every k-th decade past eight decades), 1-2-5 mantissas over one to
/// three decades, every mantissa 1…9 under one decade, and evenly spaced round values when the range is narrower
/// still (a factor under about 1.5). Unlabelled minor ticks sit at the mantissas 2…9 where they fit.
/// </summary>
public static class LogTickMarks
{
    /// <summary>Labelled (major) and minor tick positions (log10 units) for the range [<paramref name="lo"/>, <paramref name="hi"/>].</summary>
    public static (List<(double Position, string Label)> Major, List<double> Minor) For(double lo, double hi)
    {
        if (!double.IsFinite(lo) || !double.IsFinite(hi)) return ([], []);
        if (hi < lo) (lo, hi) = (hi, lo);
        if (hi - lo < 1e-12) { lo -= 0.05; hi += 0.05; }
        double span = hi - lo;
        int k0 = (int)Math.Floor(lo) - 1, k1 = (int)Math.Ceiling(hi) + 1;
        var major = new List<(double, string)>();
        var minor = new List<double>();
        bool In(double x) => x >= lo - 1e-9 && x <= hi + 1e-9;
        int[] mantissas = span >= 3 ? [1] : span >= 1 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        int every = span > 8 ? (int)Math.Ceiling(span / 8) : 1;
        for (int k = k0; k <= k1; k++)
            for (int m = 1; m <= 9; m++)
            {
                double x = k + Math.Log10(m);
                if (!In(x)) continue;
                if (mantissas.Contains(m) && (m != 1 || k % every == 0)) major.Add((x, Label(m, k)));
                else if (span <= 8) minor.Add(x);
            }
        if (major.Count < 3)
        {
            // Under a factor of ~1.5: round values, evenly spaced in value, at their log10 positions.
            major.Clear();
            minor.Clear();
            double a = Math.Pow(10, lo), b = Math.Pow(10, hi);
            double step = NiceStep((b - a) / 5);
            // As many decimals as the step needs, so neighbouring labels differ.
            int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step)), 0, 15);
            for (double v = Math.Ceiling(a / step) * step; v <= b * (1 + 1e-12); v += step)
                major.Add((Math.Log10(v), step >= 1e-3 && step < 1e6 ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : v.ToString("G6", CultureInfo.InvariantCulture)));
        }
        return (major, minor);
    }

    /// <summary>Installs ticks for the current (auto-scaled) range on the left axis, or the bottom axis when <paramref name="bottom"/>.</summary>
    public static void Apply(Plot plot, bool bottom = false)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        var (major, minor) = bottom ? For(limits.Left, limits.Right) : For(limits.Bottom, limits.Top);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (x, label) in major) ticks.AddMajor(x, label);
        foreach (var x in minor) ticks.AddMinor(x);
        if (bottom) plot.Axes.Bottom.TickGenerator = ticks;
        else plot.Axes.Left.TickGenerator = ticks;
    }

    /// <summary>m·10^k as a decimal between 0.001 and 1000, else as "me k" (e.g. 2e-5).</summary>
    private static string Label(int mantissa, int exponent) =>
        exponent is >= -3 and <= 3
            ? (mantissa * Math.Pow(10, exponent)).ToString("G4", CultureInfo.InvariantCulture)
            : $"{mantissa}e{exponent}";

    private static double NiceStep(double raw)
    {
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
    }
}

using MathNet.Numerics.Distributions;

namespace SphereFlow.Validation.Statistics;

/// <summary>
/// Least-squares fit of log y = log c + p log x over points with y &gt; 0 (non-positive or non-finite y are skipped),
/// with the standard error of the exponent p and its 95% confidence interval from Student's t with n − 2 degrees of
/// freedom (NaN when fewer than three points remain).
/// </summary>
public readonly record struct PowerLawFit(double Exponent, double Constant, double StandardError, double Low95, double High95, int Points)
{
    /// <summary>Fits y ≈ c x^p.</summary>
    public static PowerLawFit Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException("x and y have different lengths");
        var lx = new List<double>();
        var ly = new List<double>();
        for (int i = 0; i < x.Count; i++)
            if (x[i] > 0 && y[i] > 0 && double.IsFinite(x[i]) && double.IsFinite(y[i])) { lx.Add(Math.Log(x[i])); ly.Add(Math.Log(y[i])); }
        int n = lx.Count;
        if (n < 2) return new PowerLawFit(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, n);
        double mx = lx.Average(), my = ly.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) { sxx += (lx[i] - mx) * (lx[i] - mx); sxy += (lx[i] - mx) * (ly[i] - my); }
        if (!(sxx > 0)) return new PowerLawFit(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, n);
        double p = sxy / sxx, a = my - p * mx;
        if (n < 3) return new PowerLawFit(p, Math.Exp(a), double.NaN, double.NaN, double.NaN, n);
        double rss = 0;
        for (int i = 0; i < n; i++) { double r = ly[i] - a - p * lx[i]; rss += r * r; }
        double se = Math.Sqrt(rss / (n - 2) / sxx);
        double t = StudentT.InvCDF(0, 1, n - 2, 0.975);
        return new PowerLawFit(p, Math.Exp(a), se, p - t * se, p + t * se, n);
    }

    /// <summary>Whether the 95% interval contains <paramref name="exponent"/>.</summary>
    public bool Covers(double exponent) => Low95 <= exponent && exponent <= High95;
}

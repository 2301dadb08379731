using MathNet.Numerics.Distributions;

namespace SphereFlow.Validation.Statistics;

/// <summary>
/// Two-sided 95% confidence intervals for a binomial proportion p from k successes in n trials:
/// <list type="bullet">
/// <item><see cref="ClopperPearson"/>: the exact interval from the Beta quantiles, [B(α/2; k, n − k + 1), B(1 − α/2; k + 1, n − k)]
/// (coverage ≥ 95% for every p; conservative). The validation checks use it.</item>
/// <item><see cref="Wilson"/>: the score interval (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²))/(1 + z²/n), coverage close to 95% on average.</item>
/// </list>
/// </summary>
public static class BinomialInterval
{
    /// <summary>z = Φ⁻¹(0.975).</summary>
    public static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>The Clopper–Pearson interval (level 1 − <paramref name="alpha"/>); [0, 1] when n = 0.</summary>
    public static (double Low, double High) ClopperPearson(int successes, int trials, double alpha = 0.05)
    {
        Check(successes, trials);
        if (trials == 0) return (0, 1);
        double low = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
        double high = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - alpha / 2);
        return (low, high);
    }

    /// <summary>The Wilson score interval at 95%; [0, 1] when n = 0.</summary>
    public static (double Low, double High) Wilson(int successes, int trials)
    {
        Check(successes, trials);
        if (trials == 0) return (0, 1);
        double n = trials, p = successes / n, z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static void Check(int successes, int trials)
    {
        if (trials < 0 || successes < 0 || successes > trials) throw new ArgumentException($"need 0 ≤ successes ≤ trials (got {successes} of {trials})");
    }
}

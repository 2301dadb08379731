using MathNet.Numerics.Distributions;
using SphereFlow.Validation.Statistics;

namespace SphereFlow.Tests.Validation;

/// <summary>95% binomial intervals: Clopper–Pearson from its defining tail equations, Wilson from its closed form.</summary>
public class BinomialIntervalTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(15, 30)]
    [InlineData(27, 30)]
    [InlineData(3, 7)]
    public void Clopper_Pearson_ends_solve_their_tail_equations(int k, int n)
    {
        // Defining property (checked with the binomial CDF, not the Beta quantiles the code uses): P(X ≥ k | p_low) = 0.025 and
        // P(X ≤ k | p_high) = 0.025.
        var (low, high) = BinomialInterval.ClopperPearson(k, n);
        Assert.Equal(0.025, 1 - Binomial.CDF(low, n, k - 1), 9);
        Assert.Equal(0.025, Binomial.CDF(high, n, k), 9);
        Assert.True(low < (double)k / n && (double)k / n < high);
    }

    [Fact]
    public void All_or_none_give_the_closed_form_one_sided_ends()
    {
        // k = 0: the upper end solves (1 − p)^n = 0.025; k = n: the lower end solves p^n = 0.025.
        var (zero, upper) = BinomialInterval.ClopperPearson(0, 30);
        Assert.Equal(0.0, zero);
        Assert.Equal(1 - Math.Pow(0.025, 1.0 / 30), upper, 12);
        var (low, high) = BinomialInterval.ClopperPearson(30, 30);
        Assert.Equal(Math.Pow(0.025, 1.0 / 30), low, 12);
        Assert.Equal(1.0, high);
        Assert.Equal((0.0, 1.0), BinomialInterval.ClopperPearson(0, 0));
    }

    [Fact]
    public void Wilson_matches_its_textbook_value_and_lies_inside_Clopper_Pearson_here()
    {
        // Wilson for 27 of 30: centre (0.9 + z²/60)/(1 + z²/30), half-width z √(0.09/30 + z²/3600)/(1 + z²/30), z = 1.959964.
        double z = 1.959963984540054, c = (0.9 + z * z / 60) / (1 + z * z / 30), h = z * Math.Sqrt(0.09 / 30 + z * z / 3600) / (1 + z * z / 30);
        var w = BinomialInterval.Wilson(27, 30);
        Assert.Equal(c - h, w.Low, 12);
        Assert.Equal(c + h, w.High, 12);
        var cp = BinomialInterval.ClopperPearson(27, 30);
        Assert.True(cp.Low < w.Low && w.High < cp.High);
        Assert.Throws<ArgumentException>(() => BinomialInterval.Wilson(31, 30));
    }

    [Fact]
    public void Clopper_Pearson_covers_the_true_rate_at_least_95_percent_of_the_time()
    {
        // Exact coverage at p = 0.8, n = 30: Σ_k P(k) 1[p ∈ CI(k)] (no sampling), ≥ 0.95 by construction of the interval.
        double coverage = 0;
        for (int k = 0; k <= 30; k++)
        {
            var (low, high) = BinomialInterval.ClopperPearson(k, 30);
            if (low <= 0.8 && 0.8 <= high) coverage += Binomial.PMF(0.8, 30, k);
        }
        Assert.InRange(coverage, 0.95, 1.0);
    }
}

using SphereFlow.Validation.Statistics;

namespace SphereFlow.Tests.Validation;

/// <summary>Least-squares power-law fits with Student-t intervals.</summary>
public class PowerLawFitTests
{
    [Fact]
    public void An_exact_power_law_is_recovered_to_round_off()
    {
        double[] m = [10, 30, 100, 300, 1000, 10, 100];
        var y = m.Select(x => 2.5 * Math.Pow(x, -0.5)).ToArray();
        var f = PowerLawFit.Fit(m, y);
        Assert.Equal(-0.5, f.Exponent, 12);
        Assert.Equal(2.5, f.Constant, 11);
        Assert.True(f.High95 - f.Low95 < 1e-10);
        Assert.Equal(7, f.Points);
    }

    [Fact]
    public void Non_positive_values_are_skipped_and_too_few_points_give_no_interval()
    {
        var f = PowerLawFit.Fit([1, 2, 4, 8], [0, 1, double.NaN, -1]);
        Assert.Equal(1, f.Points);
        Assert.True(double.IsNaN(f.Exponent));
        var g = PowerLawFit.Fit([1, 2], [1, 4]);
        Assert.Equal(2, g.Exponent, 12);
        Assert.True(double.IsNaN(g.Low95));
    }

    [Fact]
    public void The_95_percent_interval_covers_the_true_exponent_in_95_percent_of_noisy_fits()
    {
        // Log-normal noise of fixed variance is the model the t interval is exact for: coverage 0.95 ± 0.011 (1 sd, 400 fits).
        var rng = new Random(5);
        double[] m = [10, 30, 100, 300, 1000, 3000];
        int covered = 0;
        const int trials = 400;
        for (int trial = 0; trial < trials; trial++)
        {
            var y = m.Select(x => Math.Pow(x, -0.5) * Math.Exp(0.3 * Gaussian(rng))).ToArray();
            if (PowerLawFit.Fit(m, y).Covers(-0.5)) covered++;
        }
        Assert.InRange(covered / (double)trials, 0.91, 0.99);
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}

using SphereFlow.Validation.Statistics;

namespace SphereFlow.Tests.Validation;

/// <summary>Richardson estimates of the finest level's error from three levels.</summary>
public class RichardsonEstimateTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void A_pure_power_law_error_is_recovered_exactly(double p)
    {
        // q_h = q + C h^p at h = 0.1, 0.05, 0.025: differences C h^p (1 − 2^−p) and the finest error C (0.025)^p.
        const double c = 3.0;
        double[] q = [.. new[] { 0.1, 0.05, 0.025 }.Select(h => 1.0 + c * Math.Pow(h, p))];
        var e = RichardsonEstimate.FromDifferences(Math.Abs(q[0] - q[1]), Math.Abs(q[1] - q[2]), maxOrder: 2);
        Assert.Equal(p, e.Order, 10);
        Assert.Equal(c * Math.Pow(0.025, p), e.Error, 12);
    }

    [Fact]
    public void A_higher_order_term_leaves_an_error_of_its_own_order()
    {
        // q_h = C h² + D h³: the estimate's relative error is O(h) at the finest h = 0.025 (7.8% here: observed p = 2.17 is capped at 2).
        double Q(double h) => 2 * h * h + 5 * h * h * h;
        var e = RichardsonEstimate.FromDifferences(Q(0.1) - Q(0.05), Q(0.05) - Q(0.025), maxOrder: 2);
        double truth = Q(0.025);
        Assert.InRange(e.Order, 2.0, 2.3);
        Assert.InRange(e.Error / truth, 0.9, 1.1);
    }

    [Fact]
    public void An_observed_order_above_the_formal_one_is_capped_so_the_estimate_grows()
    {
        // Differences 16:1 suggest p = 4; with formal order 2 the estimate is d/(2² − 1), larger than d/(2⁴ − 1).
        var e = RichardsonEstimate.FromDifferences(16e-4, 1e-4, maxOrder: 2);
        Assert.Equal(4, e.Order, 12);
        Assert.Equal(2, e.OrderUsed);
        Assert.Equal(1e-4 / 3, e.Error, 15);
    }

    [Theory]
    [InlineData(1e-4, 1e-4)]
    [InlineData(1e-4, 2e-4)]
    [InlineData(0.0, 1e-4)]
    [InlineData(1e-4, double.NaN)]
    public void Differences_that_do_not_decrease_give_no_estimate(double coarse, double fine)
    {
        var e = RichardsonEstimate.FromDifferences(coarse, fine, maxOrder: 2);
        Assert.False(e.IsKnown);
        Assert.True(double.IsNaN(e.Error));
    }

    [Fact]
    public void Levels_that_agree_to_round_off_report_the_round_off_level()
    {
        var e = RichardsonEstimate.FromDifferences(5e-15, 9e-15, maxOrder: 2, roundOff: 1e-11);
        Assert.True(e.AtRoundOff);
        Assert.Equal(1e-11, e.Error);
        // Converged faster than any measurable order (a smooth kernel integrated exactly from the middle level on): round-off too.
        Assert.True(RichardsonEstimate.FromDifferences(1.6e-3, 0, maxOrder: 2, roundOff: 1e-11).AtRoundOff);
        // Above the round-off level the usual rule applies: not decreasing, no estimate.
        Assert.False(RichardsonEstimate.FromDifferences(5e-10, 9e-10, maxOrder: 2, roundOff: 1e-11).IsKnown);
    }
}

using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Tests.Core;

/// <summary>Counting energy rises between recorded rows.</summary>
public class EnergyRisesTests
{
    private static SeriesRow Row(long step, double energy) =>
        new(step, step * 0.1, new Snapshot(energy, 1, 0, 0, 0, 0), 0.1, 0, double.NaN, 0, 0);

    [Fact]
    public void Rises_beyond_the_relative_tolerance_are_counted_and_round_off_is_not()
    {
        var series = new[] { Row(0, 10), Row(1, 5), Row(2, 5 * (1 + 1e-12)), Row(3, 6), Row(4, 2), Row(5, 2.5), Row(6, 1) };
        var r = EnergyRises.Scan(series);
        Assert.Equal(2, r.Count);
        Assert.Equal(3, r.FirstStep);
        Assert.Equal(0.3, r.FirstTime, 12);
        Assert.Equal(0.2, r.LargestRelativeRise, 12);   // (2.5 − 2)/2.5
        var none = EnergyRises.Scan([Row(0, 3), Row(1, 2), Row(2, 1)]);
        Assert.Equal(0, none.Count);
        Assert.Equal(-1, none.FirstStep);
    }
}

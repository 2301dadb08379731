using SphereFlow.Data;
using SphereFlow.Features;

namespace SphereFlow.Tests.Core;

/// <summary>The Dirichlet kernel caches cos/sin of the data angles per array; a changed array must not reuse stale values.</summary>
public class DirichletAngleCacheTests
{
    private static double Direct(int cutoff, double theta, double x)
    {
        double v = 1;
        for (int k = 1; k <= cutoff; k++) v += 2 * Math.Cos(k * (theta - x));
        return v;
    }

    [Fact]
    public void Values_follow_the_data_after_the_array_is_changed_in_place_and_blocks_use_their_own_offsets()
    {
        var map = new DirichletFeatures(4);
        double[] angles = [0.1, 1.3, 2.9, 4.4, 5.8, 6.1];
        var view = new DataView(angles, angles.Length, 0, angles.Length);
        double theta = 0.7;
        double[] eta = [Math.Cos(theta), Math.Sin(theta)];
        var values = new double[angles.Length];
        map.Evaluate(eta, view, values);
        for (int i = 0; i < angles.Length; i++) Assert.Equal(Direct(4, theta, angles[i]), values[i], 12);

        angles[2] = 0.5; angles[5] = 3.3;   // the same array, new data
        map.Evaluate(eta, view, values);
        for (int i = 0; i < angles.Length; i++) Assert.Equal(Direct(4, theta, angles[i]), values[i], 12);

        var block = new double[2];
        map.Evaluate(eta, view.Slice(3, 2), block);
        Assert.Equal(Direct(4, theta, angles[3]), block[0], 12);
        Assert.Equal(Direct(4, theta, angles[4]), block[1], 12);
        double[] g = [1, -2];
        var grad = new double[2];
        double contracted = map.Contract(eta, view.Slice(3, 2), g, grad, []);
        Assert.Equal(block[0] - 2 * block[1], contracted, 12);
    }
}

using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Geometry;

namespace SphereFlow.Tests.TestSupport;

/// <summary>Random data suited to each registered feature map (inputs of the right kind and dimension).</summary>
public static class FeatureFixtures
{
    /// <summary>Input dimension used in tests for a feature map name.</summary>
    public static int InputDim(string name) => name switch
    {
        "dirichlet" => 1,
        "vonmises" => 3,
        _ => 3,
    };

    /// <summary>The map with test parameters.</summary>
    public static IFeatureMap Map(string name) => FeatureMaps.Create(name, new FeatureOptions(InputDim(name), Kappa: 2.5, Cutoff: 3));

    /// <summary>n random data points with random targets and weights.</summary>
    public static WeightedData Data(string name, int n, int seed)
    {
        var rng = new Random(seed);
        int k = InputDim(name);
        var rows = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            var x = rows.AsSpan(i * k, k);
            if (name == "dirichlet") x[0] = 2 * Math.PI * rng.NextDouble();
            else if (name == "vonmises") Sphere.SampleUniform(rng, x);
            else for (int c = 0; c < k; c++) x[c] = Sphere.Gaussian(rng);
        }
        var y = Enumerable.Range(0, n).Select(_ => Sphere.Gaussian(rng)).ToArray();
        var w = Enumerable.Range(0, n).Select(_ => rng.NextDouble() / n).ToArray();
        return WeightedData.FromRows(k, rows, y, w);
    }

    /// <summary>A random point on the sphere of the map.</summary>
    public static double[] Point(IFeatureMap map, Random rng)
    {
        var eta = new double[map.AmbientDim];
        Sphere.SampleUniform(rng, eta);
        return eta;
    }
}

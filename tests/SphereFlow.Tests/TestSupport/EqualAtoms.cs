using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Tests.TestSupport;

/// <summary>Small test measures: atoms of equal mass 1/count at seeded random points of S^{dim−1}.</summary>
public static class EqualAtoms
{
    /// <summary>count atoms of mass 1/count in R^dim, positions from <c>new Random(seed)</c> normalised onto the sphere.</summary>
    public static Measure Random(int count, int dim, int seed)
    {
        var rng = new Random(seed);
        var nu = new Measure(dim, count);
        for (int j = 0; j < count; j++)
        {
            nu.Mass[j] = 1.0 / count;
            var p = nu.Point(j);
            for (int c = 0; c < dim; c++) p[c] = rng.NextDouble() - 0.5;
            Sphere.Normalize(p);
        }
        return nu;
    }
}

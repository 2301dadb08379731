using SphereFlow.Geometry;

namespace SphereFlow.Tests.Meshes;

/// <summary>
/// Area of a convex spherical polygon by Girard's theorem, Σ interior angles − (n − 2)π, with each angle from the tangent
/// vectors of its two sides (atan2 of their cross and dot products). Independent of the mesh code's triangle-area formula.
/// </summary>
internal static class GirardArea
{
    /// <summary>Area of the polygon with the given corners (unit vectors of R^3, in order around it).</summary>
    public static double Of(IReadOnlyList<double[]> corners)
    {
        int n = corners.Count;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            var v = corners[i];
            var t1 = Tangent(v, corners[(i + n - 1) % n]);
            var t2 = Tangent(v, corners[(i + 1) % n]);
            double cx = t1[1] * t2[2] - t1[2] * t2[1], cy = t1[2] * t2[0] - t1[0] * t2[2], cz = t1[0] * t2[1] - t1[1] * t2[0];
            sum += Math.Atan2(Math.Sqrt(cx * cx + cy * cy + cz * cz), Sphere.Dot(t1, t2));
        }
        return sum - (n - 2) * Math.PI;
    }

    /// <summary>Direction at v of the great-circle arc toward w.</summary>
    private static double[] Tangent(double[] v, double[] w)
    {
        double d = Sphere.Dot(v, w);
        return [w[0] - d * v[0], w[1] - d * v[1], w[2] - d * v[2]];
    }
}

using SphereFlow.Geometry;

namespace SphereFlow.Meshes;

/// <summary>S^1 cut into N equal arcs: centres at angles 2π(K + ½)/N, |K| = 2π/N, faces are points (|σ| = 1), d_σ = 2π/N.</summary>
public static class UniformCircleMesh
{
    /// <summary>Builds the mesh with <paramref name="cells"/> ≥ 3 arcs.</summary>
    public static SphereMesh Create(int cells, int level = -1)
    {
        if (cells < 3) throw new ArgumentException("a circle mesh needs at least 3 arcs");
        double h = 2 * Math.PI / cells;
        var centers = new double[2 * cells];
        var measures = new double[cells];
        var start = new int[cells + 1];
        var nb = new int[2 * cells];
        var fm = new double[2 * cells];
        var dist = new double[2 * cells];
        var normals = new double[4 * cells];
        for (int k = 0; k < cells; k++)
        {
            double th = h * (k + 0.5);
            centers[2 * k] = Math.Cos(th); centers[2 * k + 1] = Math.Sin(th);
            measures[k] = h;
            start[k] = 2 * k;
            nb[2 * k] = (k + cells - 1) % cells; nb[2 * k + 1] = (k + 1) % cells;
            fm[2 * k] = fm[2 * k + 1] = 1.0;
            dist[2 * k] = dist[2 * k + 1] = h;
            // Faces are the arc end points θ = hK (toward K−1, normal −e_θ) and θ = h(K+1) (toward K+1, normal +e_θ).
            double a0 = h * k, a1 = h * (k + 1);
            normals[4 * k] = Math.Sin(a0); normals[4 * k + 1] = -Math.Cos(a0);
            normals[4 * k + 2] = -Math.Sin(a1); normals[4 * k + 3] = Math.Cos(a1);
        }
        start[cells] = 2 * cells;
        return new SphereMesh("uniform", level, 2, centers, measures, start, nb, fm, dist)
        {
            FaceNormals = normals,
            Locator = eta => Math.Min(cells - 1, (int)(Sphere.CircleAngle(eta) / h)),
        };
    }
}

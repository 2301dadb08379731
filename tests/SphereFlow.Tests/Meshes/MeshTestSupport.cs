using SphereFlow.Geometry;
using SphereFlow.Meshes;

namespace SphereFlow.Tests.Meshes;

/// <summary>Registry meshes small enough for unit tests, and discrete operators used to check them.</summary>
public static class MeshTestSupport
{
    /// <summary>Sphere dimensions tried for kinds that mesh several.</summary>
    public static readonly int[] Dims = [1, 2, 3, 4];

    /// <summary>Cells above which no finer level is built in the invariant tests.</summary>
    public const int CellBudget = 12_000;

    private static readonly Dictionary<(string, int, int), SphereMesh> Cache = [];
    private static readonly Lock Gate = new();

    /// <summary>(kind, d, level) for every registered kind, every supported d in <see cref="Dims"/>, levels 0.. while the next level (about 2^d times more cells) stays within <see cref="CellBudget"/> cells.</summary>
    public static IEnumerable<object[]> Cases() => Levels().Select(c => new object[] { c.Kind, c.SphereDim, c.Level });

    /// <summary>The cases of <see cref="Cases"/> as tuples.</summary>
    public static IEnumerable<(string Kind, int SphereDim, int Level)> Levels()
    {
        foreach (var k in MeshKinds.All)
            foreach (int d in Dims.Where(k.Supports))
                for (int l = 0; l <= k.MaxLevelFor(d); l++)
                {
                    yield return (k.Name, d, l);
                    if ((long)Get(k.Name, d, l).CellCount << d > CellBudget) break;
                }
    }

    /// <summary>The mesh, built once per test run.</summary>
    public static SphereMesh Get(string kind, int d, int level)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue((kind, d, level), out var m)) Cache[(kind, d, level)] = m = MeshKinds.Create(kind, d, level);
            return m;
        }
    }

    /// <summary>Unit tangent at a toward b (log-map direction).</summary>
    public static void LogDirection(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> t)
    {
        double ab = Sphere.Dot(a, b);
        for (int c = 0; c < a.Length; c++) t[c] = b[c] - ab * a[c];
        Sphere.Normalize(t);
    }

    /// <summary>Largest relative closure residual |Σ_σ |σ| t_σ| / Σ_σ |σ| over cells (t_σ the log direction at the centre toward the neighbour).</summary>
    public static double ClosureResidual(SphereMesh mesh)
    {
        int dim = mesh.AmbientDim;
        var t = new double[dim];
        var r = new double[dim];
        double worst = 0;
        for (int k = 0; k < mesh.CellCount; k++)
        {
            Array.Clear(r);
            double total = 0;
            for (int e = mesh.FaceStart[k]; e < mesh.FaceStart[k + 1]; e++)
            {
                LogDirection(mesh.Center(k), mesh.Center(mesh.Neighbors[e]), t);
                for (int c = 0; c < dim; c++) r[c] += mesh.FaceMeasures[e] * t[c];
                total += mesh.FaceMeasures[e];
            }
            worst = Math.Max(worst, Sphere.Norm(r) / total);
        }
        return worst;
    }

    /// <summary>
    /// Two-point discrete divergence div_h(u)_K = (1/|K|) Σ_σ |σ| u(x_σ)·t_σ of u = ∇_s f, f(η) = a·η, with x_σ the geodesic
    /// midpoint of the centres and t_σ the unit tangent there toward the neighbour; returns the (L², max) errors
    /// against the exact divergence −d (a·η_K), the L² norm weighted by |K| and divided by |S^d|^{1/2}.
    /// </summary>
    public static (double L2, double Max) DivergenceError(SphereMesh mesh, double[] a)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(a);
        int dim = mesh.AmbientDim, d = mesh.SphereDim;
        var x = new double[dim];
        var t = new double[dim];
        double l2 = 0, max = 0;
        for (int k = 0; k < mesh.CellCount; k++)
        {
            var p = mesh.Center(k);
            double flux = 0;
            for (int e = mesh.FaceStart[k]; e < mesh.FaceStart[k + 1]; e++)
            {
                var q = mesh.Center(mesh.Neighbors[e]);
                for (int c = 0; c < dim; c++) { x[c] = p[c] + q[c]; t[c] = q[c] - p[c]; }
                Sphere.Normalize(x);
                Sphere.Normalize(t);
                // u(x) = a − (a·x) x; t ⊥ x, so u·t = a·t.
                flux += mesh.FaceMeasures[e] * Sphere.Dot(a, t);
            }
            double err = flux / mesh.CellMeasures[k] + d * Sphere.Dot(a, p);
            l2 += mesh.CellMeasures[k] * err * err;
            max = Math.Max(max, Math.Abs(err));
        }
        return (Math.Sqrt(l2 / Sphere.SurfaceArea(d)), max);
    }

    /// <summary>Mesh width: the largest centre distance.</summary>
    public static double Width(SphereMesh mesh) => mesh.CenterDistances.Max();
}

using SphereFlow.Meshes;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// The face values of the limited (MUSCL) reconstruction of <see cref="UpwindTransport"/>, read off one face at a time:
/// with J = 1 at a cell K and 0 elsewhere, the only flux is K → L across each face of K, so dM_L/dt = |σ| β/d_σ · ρ_σ
/// gives ρ_σ exactly. They are compared with independent computations: the textbook one-dimensional least-squares MUSCL
/// on a non-uniform circle, and the exactness of a least-squares gradient on data linear in the log-map coordinates
/// of K on every registered mesh (S^1, S^2, S^3). Tolerances are round-off (the computations agree in exact arithmetic).
/// </summary>
public class MusclReconstructionTests
{
    private const double Beta = 1.7;

    /// <summary>A circle mesh with centres at the given increasing angles; faces halfway between centres.</summary>
    private static SphereMesh NonUniformCircle(double[] phi)
    {
        int n = phi.Length;
        var centers = new double[2 * n];
        var measures = new double[n];
        var start = new int[n + 1];
        var nb = new int[2 * n];
        var fm = new double[2 * n];
        var dist = new double[2 * n];
        double Gap(int k) => ((phi[(k + 1) % n] - phi[k]) % (2 * Math.PI) + 2 * Math.PI) % (2 * Math.PI); // k → k+1
        for (int k = 0; k < n; k++)
        {
            centers[2 * k] = Math.Cos(phi[k]); centers[2 * k + 1] = Math.Sin(phi[k]);
            int prev = (k + n - 1) % n, next = (k + 1) % n;
            measures[k] = 0.5 * (Gap(prev) + Gap(k));
            start[k] = 2 * k;
            nb[2 * k] = prev; dist[2 * k] = Gap(prev);
            nb[2 * k + 1] = next; dist[2 * k + 1] = Gap(k);
            fm[2 * k] = fm[2 * k + 1] = 1;
        }
        start[n] = 2 * n;
        return new SphereMesh("nonuniform", 0, 2, centers, measures, start, nb, fm, dist);
    }

    /// <summary>ρ_σ of every face K → L of cell K, from dM_L/dt with J = indicator of K.</summary>
    private static Dictionary<int, double> FaceValues(UpwindTransport t, double[] rho, int k)
    {
        var mesh = t.Mesh;
        int n = mesh.CellCount;
        var mass = rho.Select((r, i) => r * mesh.CellMeasures[i]).ToArray();
        var j = new double[n]; j[k] = 1;
        var dmdt = new double[n];
        t.Rate(mass, j, dmdt);
        var result = new Dictionary<int, double>();
        for (int e = mesh.FaceStart[k]; e < mesh.FaceStart[k + 1]; e++)
        {
            int l = mesh.Neighbors[e];
            double u = Beta * (1 - 0) / mesh.CenterDistances[e];
            result[l] = dmdt[l] / (mesh.FaceMeasures[e] * u);
        }
        return result;
    }

    private static double TextbookLimiter(SlopeLimiter l, double a, double b) => a * b <= 0 ? 0 : l switch
    {
        SlopeLimiter.MinMod => Math.Sign(a) * Math.Min(Math.Abs(a), Math.Abs(b)),
        SlopeLimiter.VanLeer => 2 * a * b / (a + b),
        _ => 0,
    };

    [Theory]
    [InlineData(SlopeLimiter.None)]
    [InlineData(SlopeLimiter.MinMod)]
    [InlineData(SlopeLimiter.VanLeer)]
    public void Circle_face_values_equal_the_textbook_one_dimensional_muscl(SlopeLimiter limiter)
    {
        // Strongly non-uniform gaps (0.4 to 1.3 rad) so that sin θ ≠ θ matters and neighbours are unequally far.
        double[] phi = [0.0, 0.4, 1.3, 2.0, 3.3, 4.1, 5.0];
        var mesh = NonUniformCircle(phi);
        var t = new UpwindTransport(mesh, Beta, limiter);
        // Densities with a zero, a local max and min, monotone runs (sign changes of the differences).
        double[] rho = [1.0, 0.0, 0.7, 2.5, 1.9, 0.3, 0.9];
        int n = phi.Length;
        for (int k = 0; k < n; k++)
        {
            var faces = FaceValues(t, rho, k);
            int prev = (k + n - 1) % n, next = (k + 1) % n;
            double tp = mesh.CenterDistances[2 * k + 1], tm = mesh.CenterDistances[2 * k];
            double dp = rho[next] - rho[k], dm = rho[prev] - rho[k];
            // One-dimensional least squares in arc length: neighbours at +θ₊ and −θ₋.
            double g = (tp * dp - tm * dm) / (tp * tp + tm * tm);
            foreach (var (l, s, dc) in new[] { (next, tp, dp), (prev, -tm, dm) })
            {
                double du = 2 * g * s - dc; // ρ_K − ρ_U with the virtual upwind point U at −s
                double expected = rho[k] > 0 ? Math.Clamp(rho[k] + 0.5 * TextbookLimiter(limiter, du, dc), 0, 2 * rho[k]) : 0;
                Assert.True(Math.Abs(faces[l] - expected) <= 1e-12 * 2.5, $"{limiter}, face {k}→{l}: {faces[l]} vs {expected}");
            }
        }
    }

    public static TheoryData<string, int, int> RegisteredMeshes()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var kind in MeshKinds.All)
            for (int d = 1; d <= 3; d++)
                if (kind.Supports(d)) data.Add(kind.Name, d, d == 3 ? 0 : 1);
        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredMeshes))]
    public void Face_values_are_exact_midpoint_averages_for_data_linear_in_the_log_map(string kind, int d, int level)
    {
        var mesh = MeshKinds.Create(kind, d, level);
        int dim = mesh.AmbientDim, n = mesh.CellCount;
        var rng = new Random(20261130 + d);
        foreach (var limiter in new[] { SlopeLimiter.MinMod, SlopeLimiter.VanLeer })
        {
            var t = new UpwindTransport(mesh, Beta, limiter);
            for (int trial = 0; trial < 4; trial++)
            {
                int k = rng.Next(n);
                var ek = mesh.Center(k).ToArray();
                // A random tangent gradient g at η_K, |g| ≤ 1; base level a = 10 keeps every value in (0, 2a) (|log| ≤ π).
                var g = new double[dim];
                for (int c = 0; c < dim; c++) g[c] = 2 * rng.NextDouble() - 1;
                double gn = g.Zip(ek).Sum(p => p.First * p.Second);
                for (int c = 0; c < dim; c++) g[c] -= gn * ek[c];
                double norm = Math.Sqrt(g.Sum(x => x * x));
                for (int c = 0; c < dim; c++) g[c] /= Math.Max(norm, 1);
                const double a = 10;
                var rho = new double[n];
                Array.Fill(rho, a);
                for (int e = mesh.FaceStart[k]; e < mesh.FaceStart[k + 1]; e++)
                {
                    int l = mesh.Neighbors[e];
                    rho[l] = a + Dot(g, LogMap(ek, mesh.Center(l).ToArray()));
                }
                // ρ_L − ρ_K = g·log_K(η_L) for every neighbour: the least-squares gradient is g (A g = Σ s sᵀ g since
                // g ⊥ η_K), so Δu = Δc and both limiters return Δc: ρ_σ = (ρ_K + ρ_L)/2.
                foreach (var (l, value) in FaceValues(t, rho, k))
                    Assert.True(Math.Abs(value - 0.5 * (rho[k] + rho[l])) <= 1e-10 * a,
                        $"{kind} S^{d} {limiter}, face {k}→{l}: {value} vs {0.5 * (rho[k] + rho[l])}");
            }
        }
    }

    private static double Dot(double[] x, double[] y) => x.Zip(y).Sum(p => p.First * p.Second);

    /// <summary>log_p(q): the tangent vector at p of length dist(p, q) pointing to q.</summary>
    private static double[] LogMap(double[] p, double[] q)
    {
        double cos = Dot(p, q);
        var v = q.Select((x, c) => x - cos * p[c]).ToArray();
        double sin = Math.Sqrt(Dot(v, v)), theta = Math.Atan2(sin, cos);
        return v.Select(x => x * theta / sin).ToArray();
    }

    [Fact]
    public void A_cell_without_neighbours_cannot_reconstruct_a_gradient()
    {
        // Two cells (at ±e₁) and no faces: A = η ηᵀ has rank 1, its second Cholesky pivot is exactly 0, so the reconstruction must refuse the mesh; first order needs no A.
        var mesh = new SphereMesh("isolated", 0, 2, [1, 0, -1, 0], [1, 1], [0, 0, 0], [], [], []);
        var ex = Assert.Throws<ArgumentException>(() => new UpwindTransport(mesh, 1, SlopeLimiter.MinMod));
        Assert.Contains("degenerate", ex.Message);
        _ = new UpwindTransport(mesh, 1, SlopeLimiter.None);
    }
}

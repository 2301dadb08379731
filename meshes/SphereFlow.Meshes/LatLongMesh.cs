using SphereFlow.Geometry;

namespace SphereFlow.Meshes;

/// <summary>
/// S^2 latitude–longitude cells. Level L has n_θ = 4·2^L colatitude bands of width Δθ = π/n_θ and n_φ = 2·n_θ
/// longitude sectors of width Δφ = 2π/n_φ. The two polar bands are polar caps (one cell each, centred at the pole);
/// the other cells are coordinate boxes [θ_j, θ_{j+1}] × [φ_i, φ_{i+1}] centred at the mapped coordinate midpoint.
/// Cells: 2 + (n_θ − 2)·n_φ. Exact areas from the coordinate integral Δφ (cos θ_j − cos θ_{j+1}) (evaluated as
/// 2Δφ sin(θ_mid) sin(Δθ/2) to avoid cancellation) and 2π(1 − cos Δθ) = 4π sin²(Δθ/2) for a cap. Faces are meridian
/// arcs (|σ| = Δθ) and parallel arcs (|σ| = Δφ sin θ); a cap has one parallel face to each cell of the next band.
/// The mesh is orthogonal: the geodesic between two neighbours of one band crosses the separating meridian at right
/// angles at its midpoint (mirror symmetry), and vertical neighbours (and cap–band pairs) are joined along a meridian.
/// </summary>
public static class LatLongMesh
{
    /// <summary>Largest supported level (level 8: 1024 × 2048 cells).</summary>
    public const int MaxLevel = 8;

    /// <summary>Number of colatitude bands n_θ = 4·2^L.</summary>
    public static int Bands(int level) => 4 << level;

    /// <summary>Number of cells 2 + (n_θ − 2)·2n_θ.</summary>
    public static int CellCount(int level) => 2 + (Bands(level) - 2) * 2 * Bands(level);

    /// <summary>Builds the level-<paramref name="level"/> mesh.</summary>
    public static SphereMesh Create(int level)
    {
        if (level < 0 || level > MaxLevel) throw new ArgumentOutOfRangeException(nameof(level), level, $"latlong level must be in 0..{MaxLevel}");
        int nt = Bands(level), np = 2 * nt, n = CellCount(level), south = n - 1;
        double dt = Math.PI / nt, dp = 2 * Math.PI / np;
        int Cell(int j, int i) => 1 + (j - 1) * np + ((i % np) + np) % np; // band j = 1..nt−2

        var centers = new double[3 * n];
        var measures = new double[n];
        var start = new int[n + 1];
        var cosP = new double[np]; var sinP = new double[np];
        for (int i = 0; i < np; i++) { cosP[i] = Math.Cos((i + 0.5) * dp); sinP[i] = Math.Sin((i + 0.5) * dp); }

        centers[2] = 1; centers[3 * south + 2] = -1;
        double cap = 4 * Math.PI * Math.Pow(Math.Sin(dt / 2), 2);
        measures[0] = measures[south] = cap;
        start[1] = np;
        for (int j = 1; j <= nt - 2; j++)
        {
            double th = (j + 0.5) * dt, st = Math.Sin(th), ct = Math.Cos(th);
            double area = 2 * dp * st * Math.Sin(dt / 2);
            for (int i = 0; i < np; i++)
            {
                int k = Cell(j, i);
                centers[3 * k] = st * cosP[i]; centers[3 * k + 1] = st * sinP[i]; centers[3 * k + 2] = ct;
                measures[k] = area;
                start[k + 1] = start[k] + 4;
            }
        }
        start[south + 1] = start[south] + np;
        int ne = start[n];
        var nb = new int[ne];
        var fm = new double[ne];
        var normals = new double[3 * ne];

        // e_θ at (θ, φ_i mid), signed.
        void ETheta(int e, double theta, int i, double sign)
        {
            double c = Math.Cos(theta), s = Math.Sin(theta);
            normals[3 * e] = sign * c * cosP[i]; normals[3 * e + 1] = sign * c * sinP[i]; normals[3 * e + 2] = -sign * s;
        }
        // e_φ at longitude φ (independent of θ), signed.
        void EPhi(int e, double phi, double sign)
        {
            normals[3 * e] = -sign * Math.Sin(phi); normals[3 * e + 1] = sign * Math.Cos(phi); normals[3 * e + 2] = 0;
        }

        double capFace = dp * Math.Sin(dt);
        for (int i = 0; i < np; i++)
        {
            int e = i;
            nb[e] = Cell(1, i); fm[e] = capFace; ETheta(e, dt, i, +1);
            e = start[south] + i;
            nb[e] = Cell(nt - 2, i); fm[e] = capFace; ETheta(e, Math.PI - dt, i, -1);
        }
        for (int j = 1; j <= nt - 2; j++)
        {
            double sNorth = dp * Math.Sin(j * dt), sSouth = dp * Math.Sin((j + 1) * dt);
            for (int i = 0; i < np; i++)
            {
                int k = Cell(j, i), e = start[k];
                nb[e] = j == 1 ? 0 : Cell(j - 1, i); fm[e] = sNorth; ETheta(e, j * dt, i, -1);
                nb[e + 1] = Cell(j, i + 1); fm[e + 1] = dt; EPhi(e + 1, (i + 1) * dp, +1);
                nb[e + 2] = j == nt - 2 ? south : Cell(j + 1, i); fm[e + 2] = sSouth; ETheta(e + 2, (j + 1) * dt, i, +1);
                nb[e + 3] = Cell(j, i - 1); fm[e + 3] = dt; EPhi(e + 3, i * dp, -1);
            }
        }
        var dist = new double[ne];
        for (int k = 0; k < n; k++)
            for (int e = start[k]; e < start[k + 1]; e++)
                dist[e] = Geometry.Sphere.Distance(centers.AsSpan(3 * k, 3), centers.AsSpan(3 * nb[e], 3));

        return new SphereMesh("latlong", level, 3, centers, measures, start, nb, fm, dist)
        {
            FaceNormals = normals,
            Polygons = BuildPolygons(nt, np, dt, dp),
            Locator = eta =>
            {
                if (eta.Length != 3) throw new ArgumentException("latlong mesh: point must have 3 coordinates");
                double th = Math.Atan2(Math.Sqrt(eta[0] * eta[0] + eta[1] * eta[1]), eta[2]);
                int j = (int)(th / dt);
                if (j <= 0) return 0;
                if (j >= nt - 1) return south;
                double ph = Sphere.CircleAngle(eta);   // longitude in [0, 2π)
                return Cell(j, Math.Min(np - 1, (int)(ph / dp)));
            },
        };
    }

    private static CellPolygons BuildPolygons(int nt, int np, double dt, double dp)
    {
        // Vertices: parallels θ = r·Δθ, r = 1..nt−1, at longitudes i·Δφ.
        int rows = nt - 1;
        var v = new double[3 * rows * np];
        for (int r = 1; r <= rows; r++)
            for (int i = 0; i < np; i++)
            {
                int q = 3 * ((r - 1) * np + i);
                double th = r * dt, ph = i * dp;
                v[q] = Math.Sin(th) * Math.Cos(ph); v[q + 1] = Math.Sin(th) * Math.Sin(ph); v[q + 2] = Math.Cos(th);
            }
        int V(int r, int i) => (r - 1) * np + ((i % np) + np) % np;
        int n = 2 + (nt - 2) * np;
        var cs = new int[n + 1];
        var list = new List<int>(4 * n + 2 * np);
        for (int i = 0; i < np; i++) list.Add(V(1, i));
        cs[1] = list.Count;
        int k = 1;
        for (int j = 1; j <= nt - 2; j++)
            for (int i = 0; i < np; i++)
            {
                list.Add(V(j, i)); list.Add(V(j + 1, i)); list.Add(V(j + 1, i + 1)); list.Add(V(j, i + 1));
                cs[++k] = list.Count;
            }
        for (int i = np - 1; i >= 0; i--) list.Add(V(rows, i));
        cs[n] = list.Count;
        return new CellPolygons(v, cs, [.. list]);
    }
}

using SphereFlow.Geometry;
using SphereFlow.Numerics;

namespace SphereFlow.Meshes;

/// <summary>
/// S^d (any d ≥ 1) as a tensor grid in hyperspherical coordinates
/// η_1 = cos φ_1, η_j = sin φ_1 ⋯ sin φ_{j−1} cos φ_j (2 ≤ j ≤ d), η_{d+1} = sin φ_1 ⋯ sin φ_{d−1} sin φ_d,
/// with φ_1..φ_{d−1} ∈ [0, π] and φ_d ∈ [0, 2π) periodic. Level L cuts every [0, π] into n = 4·2^L equal intervals
/// and [0, 2π) into 2n, so there are n^{d−1}·2n cells (for d = 1: 8·2^L arcs, the same mesh as "uniform").
/// <para>
/// Cells are coordinate boxes; |K| = Π_k ∫ sin^{d−k} φ_k dφ_k over the box (volume element Π_k sin^{d−k} φ_k dφ_k),
/// each 1D integral exact by the recurrence ∫ sin^p = −sin^{p−1} cos / p + (p−1)/p ∫ sin^{p−2}. The face φ_i = c
/// between two coordinate neighbours has (d−1)-measure sin^{d−i}(c) · Π_{k&lt;i} ∫ sin^{d−k−1} φ_k · Π_{k&gt;i} ∫ sin^{d−k} φ_k.
/// Faces on φ_i ∈ {0, π} (i &lt; d) have measure 0 and are dropped; cells touching the poles meet there only at
/// lower-dimensional sets. Centres are the mapped coordinate midpoints (not the measure centroids); with equal
/// spacing the geodesic midpoint of two neighbour centres lies on their common face and the geodesic crosses it at
/// right angles, so the grid is orthogonal. d_σ is the geodesic distance of the centres.
/// </para>
/// </summary>
public static class HypersphericalMesh
{
    /// <summary>Largest number of cells a build may have.</summary>
    public const long MaxCells = 1L << 23;

    /// <summary>Largest estimated memory of a build (bytes): 1 GiB. Tensor grids grow like 8^L·4^{L(d−1)}, so this bounds d at level 0 to d ≤ 9.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Estimated bytes of the arrays of a build: centres and measures per cell; neighbour, measure, distance, normal and opposite per face entry (about 2d per cell).</summary>
    public static long EstimatedBytes(int d, int level)
    {
        long cells = CellCount(d, level), dim = d + 1;
        if (cells > MaxCells * 64) return long.MaxValue;
        return cells * (8 * dim + 8 + 4) + cells * 2 * d * (4 + 8 + 8 + 4 + 8 * dim);
    }

    /// <summary>Intervals of [0, π] at level L: 4·2^L (the periodic angle has twice as many).</summary>
    public static int Divisions(int level) => 4 << level;

    /// <summary>Number of cells n^{d−1}·2n for sphere dimension d at level L (may exceed int range: long).</summary>
    public static long CellCount(int d, int level)
    {
        long n = Divisions(level), c = 2 * n;
        for (int k = 1; k < d; k++) { c *= n; if (c > MaxCells * 64) return c; }
        return c;
    }

    /// <summary>Largest level within <see cref="MaxCells"/> cells and <see cref="MaxBytes"/> bytes for sphere dimension d (−1 when even level 0 is too large).</summary>
    public static int MaxLevel(int d)
    {
        if (d < 1) return -1;
        int l = -1;
        while (l < 20 && CellCount(d, l + 1) <= MaxCells && EstimatedBytes(d, l + 1) <= MaxBytes) l++;
        return l;
    }

    /// <summary>∫_a^b sin^p(φ) dφ, exactly (closed form by the reduction recurrence).</summary>
    public static double SinPowerIntegral(int p, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(p);
        double acc = p % 2 == 0 ? b - a : 2 * Math.Sin(0.5 * (a + b)) * Math.Sin(0.5 * (b - a));
        double sa = Math.Sin(a), ca = Math.Cos(a), sb = Math.Sin(b), cb = Math.Cos(b);
        for (int q = p % 2 == 0 ? 2 : 3; q <= p; q += 2)
            acc = -(Math.Pow(sb, q - 1) * cb - Math.Pow(sa, q - 1) * ca) / q + (q - 1.0) / q * acc;
        return acc;
    }

    /// <summary>The hyperspherical angles φ_1..φ_d of η (any nonzero vector of length d + 1), φ_d in [0, 2π).</summary>
    public static void Angles(ReadOnlySpan<double> eta, Span<double> phi)
    {
        int d = eta.Length - 1;
        if (phi.Length != d) throw new ArgumentException("angle span must have length d");
        double tail2 = eta[d] * eta[d];
        // Walk from the end: tail = |(η_{k+1}, …, η_{d+1})| (0-based: η[k..d]).
        Span<double> tail = stackalloc double[d + 1];
        tail[d] = Math.Abs(eta[d]);
        for (int k = d - 1; k >= 0; k--) { tail2 += eta[k] * eta[k]; tail[k] = Math.Sqrt(tail2); }
        for (int k = 0; k < d - 1; k++) phi[k] = Math.Atan2(tail[k + 1], eta[k]);
        phi[d - 1] = Sphere.CircleAngle(eta[(d - 1)..]);
    }

    /// <summary>Maps angles φ_1..φ_d to the unit vector η ∈ S^d.</summary>
    public static void Point(ReadOnlySpan<double> phi, Span<double> eta)
    {
        int d = phi.Length;
        double s = 1;
        for (int k = 0; k < d - 1; k++) { eta[k] = s * Math.Cos(phi[k]); s *= Math.Sin(phi[k]); }
        eta[d - 1] = s * Math.Cos(phi[d - 1]);
        eta[d] = s * Math.Sin(phi[d - 1]);
    }

    /// <summary>Builds the level-<paramref name="level"/> grid of S^<paramref name="d"/>.</summary>
    public static SphereMesh Create(int d, int level)
    {
        if (d < 1) throw new ArgumentOutOfRangeException(nameof(d), d, "hyperspherical mesh needs sphere dimension d ≥ 1");
        if (level < 0 || level > MaxLevel(d))
            throw new ArgumentOutOfRangeException(nameof(level), level, $"hyperspherical level for d = {d} must be in 0..{MaxLevel(d)} (at most {MaxCells} cells and {MaxBytes >> 20} MiB)");
        int n = Divisions(level), dim = d + 1;
        double h = Math.PI / n;
        var sizes = new int[d];
        for (int k = 0; k < d; k++) sizes[k] = k < d - 1 ? n : 2 * n;
        var stride = new int[d];
        stride[d - 1] = 1;
        for (int k = d - 2; k >= 0; k--) stride[k] = stride[k + 1] * sizes[k + 1];
        int cells = checked((int)CellCount(d, level));

        // 1D tables (k 0-based, coordinate φ_{k+1}, weight power d−1−k).
        var cellInt = new double[d][];
        var faceInt = new double[d][];
        var boundarySin = new double[d][];
        for (int k = 0; k < d; k++)
        {
            int p = d - 1 - k;
            cellInt[k] = new double[sizes[k]];
            faceInt[k] = new double[sizes[k]];
            boundarySin[k] = new double[sizes[k] + 1];
            for (int i = 0; i < sizes[k]; i++)
            {
                cellInt[k][i] = SinPowerIntegral(p, i * h, (i + 1) * h);
                faceInt[k][i] = p >= 1 ? SinPowerIntegral(p - 1, i * h, (i + 1) * h) : double.NaN;
            }
            for (int b = 0; b <= sizes[k]; b++) boundarySin[k][b] = p == 0 ? 1.0 : Math.Pow(Math.Sin(b * h), p);
        }

        var centers = new double[checked(cells * dim)];
        var measures = new double[cells];
        var start = new int[cells + 1];
        int chunk = ParallelRanges.ChunkFor(cells, 8 * d);
        ParallelRanges.For(cells, chunk, (_, lo, hi) =>
        {
            Span<int> idx = stackalloc int[d];
            Span<double> phi = stackalloc double[d];
            for (int c = lo; c < hi; c++)
            {
                Decompose(c, stride, idx);
                double m = 1;
                int faces = 2 * d;
                for (int k = 0; k < d; k++)
                {
                    phi[k] = (idx[k] + 0.5) * h;
                    m *= cellInt[k][idx[k]];
                    if (k < d - 1) { if (idx[k] == 0) faces--; if (idx[k] == n - 1) faces--; }
                }
                measures[c] = m;
                start[c + 1] = faces;
                Point(phi, centers.AsSpan(c * dim, dim));
            }
        });
        for (int c = 0; c < cells; c++) start[c + 1] += start[c];
        int ne = start[cells];
        var nb = new int[ne];
        var fm = new double[ne];
        var dist = new double[ne];
        var normals = new double[checked(ne * dim)];
        ParallelRanges.For(cells, Math.Max(1, chunk / 4), (_, lo, hi) =>
        {
            Span<int> idx = stackalloc int[d];
            Span<double> mid = stackalloc double[dim];
            for (int c = lo; c < hi; c++)
            {
                Decompose(c, stride, idx);
                int e = start[c];
                var x = centers.AsSpan(c * dim, dim);
                for (int i = 0; i < d; i++)
                {
                    for (int dir = -1; dir <= 1; dir += 2)
                    {
                        int j = idx[i] + dir, b = dir < 0 ? idx[i] : idx[i] + 1;
                        if (i < d - 1) { if (j < 0 || j >= n) continue; }
                        else { j = (j + sizes[i]) % sizes[i]; b %= sizes[i]; }
                        int l = c + (j - idx[i]) * stride[i];
                        double m = boundarySin[i][b];
                        for (int k = 0; k < d; k++)
                            if (k < i) m *= faceInt[k][idx[k]];
                            else if (k > i) m *= cellInt[k][idx[k]];
                        nb[e] = l;
                        fm[e] = m;
                        var y = centers.AsSpan(l * dim, dim);
                        dist[e] = Sphere.Distance(x, y);
                        for (int q = 0; q < dim; q++) mid[q] = x[q] + y[q];
                        Sphere.Normalize(mid);
                        CoordinateNormal(mid, i, normals.AsSpan(e * dim, dim));
                        double side = 0;
                        for (int q = 0; q < dim; q++) side += normals[e * dim + q] * (y[q] - x[q]);
                        if (side < 0) for (int q = 0; q < dim; q++) normals[e * dim + q] = -normals[e * dim + q];
                        e++;
                    }
                }
            }
        });

        var sizesCopy = sizes;
        var strideCopy = stride;
        return new SphereMesh("hyperspherical", level, dim, centers, measures, start, nb, fm, dist)
        {
            FaceNormals = normals,
            Polygons = d == 2 ? BuildPolygons(n, h) : null,
            Locator = eta =>
            {
                if (eta.Length != dim) throw new ArgumentException($"hyperspherical mesh of S^{d}: point must have {dim} coordinates");
                Span<double> phi = stackalloc double[d];
                Angles(eta, phi);
                int c = 0;
                for (int k = 0; k < d; k++) c += Math.Clamp((int)(phi[k] / h), 0, sizesCopy[k] - 1) * strideCopy[k];
                return c;
            },
        };
    }

    private static void Decompose(int c, int[] stride, Span<int> idx)
    {
        for (int k = 0; k < idx.Length; k++) { idx[k] = c / stride[k]; c -= idx[k] * stride[k]; }
    }

    /// <summary>Unit vector e_{φ_i} (i 0-based) at the point x: (0, …, 0, −sin φ_i, cos φ_i · y) with y the unit vector of the later coordinates (up to sign).</summary>
    private static void CoordinateNormal(ReadOnlySpan<double> x, int i, Span<double> n)
    {
        int dim = x.Length;
        n.Clear();
        if (i == dim - 2)
        {
            // Periodic last angle: e_{φ_d} = (0, …, 0, −sin φ_d, cos φ_d).
            double r = Math.Sqrt(x[i] * x[i] + x[i + 1] * x[i + 1]);
            n[i] = -x[i + 1] / r; n[i + 1] = x[i] / r;
            return;
        }
        double rest = 0;
        for (int q = i + 1; q < dim; q++) rest += x[q] * x[q];
        rest = Math.Sqrt(rest);
        double s = Math.Sqrt(rest * rest + x[i] * x[i]); // = Π_{k<i} sin φ_k
        double cosPhi = x[i] / s, sinPhi = rest / s;
        n[i] = -sinPhi;
        for (int q = i + 1; q < dim; q++) n[q] = cosPhi * x[q] / rest;
    }

    /// <summary>Polygons for d = 2 (VTU): polar triangles and quadrilaterals.</summary>
    private static CellPolygons BuildPolygons(int n, double h)
    {
        int np = 2 * n;
        // Vertex 0: north pole; rows r = 1..n−1 of np vertices; last: south pole.
        int south = 1 + (n - 1) * np;
        var v = new double[3 * (south + 1)];
        v[2] = 1; v[3 * south + 2] = -1;
        for (int r = 1; r < n; r++)
            for (int i = 0; i < np; i++)
            {
                int q = 3 * (1 + (r - 1) * np + i);
                v[q] = Math.Cos(r * h); v[q + 1] = Math.Sin(r * h) * Math.Cos(i * h); v[q + 2] = Math.Sin(r * h) * Math.Sin(i * h);
            }
        int V(int r, int i) => r == 0 ? 0 : r == n ? south : 1 + (r - 1) * np + i % np;
        var cs = new int[n * np + 1];
        var list = new List<int>(4 * n * np);
        for (int r = 0; r < n; r++)
            for (int i = 0; i < np; i++)
            {
                list.Add(V(r, i));
                if (r + 1 < n) list.Add(V(r + 1, i)); else list.Add(south);
                if (r + 1 < n) list.Add(V(r + 1, i + 1));
                if (r > 0) list.Add(V(r, i + 1));
                cs[r * np + i + 1] = list.Count;
            }
        return new CellPolygons(v, cs, [.. list]);
    }
}

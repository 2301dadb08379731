using SphereFlow.Geometry;
using SphereFlow.Numerics;

namespace SphereFlow.Meshes;

/// <summary>
/// S^2 icosahedral geodesic grid with Voronoi (dual) cells. Level L subdivides each of the 20 faces of the
/// icosahedron L times into four (edge midpoints projected onto the sphere): 10·4^L + 2 grid vertices, which are the
/// cell centres (generators). The cell of a vertex is its spherical Voronoi region; its corners are the circumcentres of
/// the triangles around the vertex, its faces are the arcs between consecutive circumcentres (each lies on the great
/// circle bisecting the two generators, so faces are exactly perpendicular to the centre segment). Cell areas are sums
/// of exact spherical triangle areas (generator, corner, next corner) by the stable atan2 triple-product formula
/// (Van Oosterom–Strackee); |σ| is the geodesic length of the Voronoi edge and d_σ the geodesic distance of the
/// generators. Optional Lloyd iterations move each generator to the (normalised) centroid of its cell, giving a
/// spherical centroidal Voronoi tessellation (SCVT) with the same connectivity.
/// </summary>
public static class IcosahedralMesh
{
    /// <summary>Largest supported level (level 8: 655,362 cells).</summary>
    public const int MaxLevel = 8;

    /// <summary>Number of cells at level <paramref name="level"/>: 10·4^L + 2.</summary>
    public static int CellCount(int level) => 10 * (1 << (2 * level)) + 2;

    /// <summary>Builds the level-<paramref name="level"/> grid, optionally relaxed by <paramref name="lloydIterations"/> Lloyd steps (SCVT).</summary>
    public static SphereMesh Create(int level, int lloydIterations = 0)
    {
        if (level < 0 || level > MaxLevel) throw new ArgumentOutOfRangeException(nameof(level), level, $"icosahedral level must be in 0..{MaxLevel}");
        ArgumentOutOfRangeException.ThrowIfNegative(lloydIterations);
        var (verts, tris) = Subdivide(level);
        int nv = verts.Length / 3, nt = tris.Length / 3;
        var (ringStart, ringTri, ringNext) = BuildRings(nv, tris);
        var cc = new double[3 * nt];
        Circumcentres(verts, tris, cc);
        if (lloydIterations > 0)
        {
            var next = new double[verts.Length];
            for (int it = 0; it < lloydIterations; it++)
            {
                LloydStep(verts, cc, ringStart, ringTri, next);
                (verts, next) = (next, verts);
                Circumcentres(verts, tris, cc);
            }
            CheckDelaunay(verts, tris, cc, ringStart, ringNext);
        }
        return Assemble(level, lloydIterations, verts, cc, ringStart, ringTri, ringNext);
    }

    /// <summary>Spherical triangle area by the atan2 triple-product formula: tan(E/2) = a·(b×c) / (1 + a·b + b·c + c·a). Signed (positive counter-clockwise seen from outside).</summary>
    public static double TriangleArea(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c)
    {
        double cx = b[1] * c[2] - b[2] * c[1], cy = b[2] * c[0] - b[0] * c[2], cz = b[0] * c[1] - b[1] * c[0];
        double triple = a[0] * cx + a[1] * cy + a[2] * cz;
        double den = 1 + (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) + (b[0] * c[0] + b[1] * c[1] + b[2] * c[2]) + (c[0] * a[0] + c[1] * a[1] + c[2] * a[2]);
        return 2 * Math.Atan2(triple, den);
    }

    // ---- construction -------------------------------------------------------------------------------------------

    private static (double[] Verts, int[] Tris) Subdivide(int level)
    {
        double t = (1 + Math.Sqrt(5)) / 2;
        double[] v0 =
        [
            -1, t, 0, 1, t, 0, -1, -t, 0, 1, -t, 0,
            0, -1, t, 0, 1, t, 0, -1, -t, 0, 1, -t,
            t, 0, -1, t, 0, 1, -t, 0, -1, -t, 0, 1,
        ];
        int[] tris =
        [
            0, 11, 5, 0, 5, 1, 0, 1, 7, 0, 7, 10, 0, 10, 11,
            1, 5, 9, 5, 11, 4, 11, 10, 2, 10, 7, 6, 7, 1, 8,
            3, 9, 4, 3, 4, 2, 3, 2, 6, 3, 6, 8, 3, 8, 9,
            4, 9, 5, 2, 4, 11, 6, 2, 10, 8, 6, 7, 9, 8, 1,
        ];
        var verts = new double[3 * CellCount(level)];
        for (int i = 0; i < 12; i++)
        {
            var p = verts.AsSpan(3 * i, 3);
            v0.AsSpan(3 * i, 3).CopyTo(p);
            Sphere.Normalize(p);
        }
        int nv = 12;
        for (int l = 0; l < level; l++)
        {
            int nt = tris.Length / 3;
            // Edge midpoints deduplicated by a per-vertex table: edge (a, b), a < b, lives in one of the ≤ 6 slots of a.
            int nvLevel = nv;
            var slotTo = new int[6 * nvLevel];
            var slotMid = new int[6 * nvLevel];
            Array.Fill(slotTo, -1);
            var nextTris = new int[12 * nt];
            for (int f = 0; f < nt; f++)
            {
                int a = tris[3 * f], b = tris[3 * f + 1], c = tris[3 * f + 2];
                int ab = Midpoint(a, b), bc = Midpoint(b, c), ca = Midpoint(c, a);
                var o = nextTris.AsSpan(12 * f, 12);
                o[0] = a; o[1] = ab; o[2] = ca;
                o[3] = ab; o[4] = b; o[5] = bc;
                o[6] = ca; o[7] = bc; o[8] = c;
                o[9] = ab; o[10] = bc; o[11] = ca;
            }
            tris = nextTris;

            int Midpoint(int a, int b)
            {
                if (a > b) (a, b) = (b, a);
                int slot = 6 * a;
                while (slotTo[slot] >= 0)
                {
                    if (slotTo[slot] == b) return slotMid[slot];
                    if (++slot == 6 * a + 6) throw new InvalidOperationException("icosahedral subdivision: vertex degree above 6");
                }
                int m = nv++;
                slotTo[slot] = b; slotMid[slot] = m;
                var p = verts.AsSpan(3 * m, 3);
                for (int c = 0; c < 3; c++) p[c] = verts[3 * a + c] + verts[3 * b + c];
                Sphere.Normalize(p);
                return m;
            }
        }
        if (nv != verts.Length / 3) throw new InvalidOperationException($"icosahedral subdivision produced {nv} vertices, expected {verts.Length / 3}");
        // Orientation: every triangle counter-clockwise seen from outside.
        for (int f = 0; f < tris.Length / 3; f++)
        {
            int a = tris[3 * f], b = tris[3 * f + 1], c = tris[3 * f + 2];
            if (TriangleArea(verts.AsSpan(3 * a, 3), verts.AsSpan(3 * b, 3), verts.AsSpan(3 * c, 3)) <= 0)
                throw new InvalidOperationException("icosahedral subdivision: triangle not counter-clockwise");
        }
        return (verts, tris);
    }

    /// <summary>For each vertex, its incident triangles in counter-clockwise order (slot i: triangle (v, a_i, b_i) with a_{i+1} = b_i), and b_i.</summary>
    private static (int[] Start, int[] Tri, int[] Next) BuildRings(int nv, int[] tris)
    {
        int nt = tris.Length / 3;
        var start = new int[nv + 1];
        foreach (int v in tris) start[v + 1]++;
        for (int v = 0; v < nv; v++) start[v + 1] += start[v];
        var cursor = start.AsSpan(0, nv).ToArray();
        var tri = new int[3 * nt];
        var first = new int[3 * nt];
        var second = new int[3 * nt];
        for (int f = 0; f < nt; f++)
        {
            for (int r = 0; r < 3; r++)
            {
                int v = tris[3 * f + r], s = cursor[v]++;
                tri[s] = f; first[s] = tris[3 * f + (r + 1) % 3]; second[s] = tris[3 * f + (r + 2) % 3];
            }
        }
        ParallelRanges.For(nv, 4096, (_, lo, hi) =>
        {
            Span<int> t = stackalloc int[16], a = stackalloc int[16], b = stackalloc int[16];
            for (int v = lo; v < hi; v++)
            {
                int s0 = start[v], deg = start[v + 1] - s0;
                if (deg < 3 || deg > 16) throw new InvalidOperationException($"vertex {v} has {deg} triangles");
                for (int i = 0; i < deg; i++) { t[i] = tri[s0 + i]; a[i] = first[s0 + i]; b[i] = second[s0 + i]; }
                int cur = 0;
                for (int i = 0; i < deg; i++)
                {
                    tri[s0 + i] = t[cur]; first[s0 + i] = a[cur]; second[s0 + i] = b[cur];
                    int want = b[cur];
                    cur = -1;
                    for (int j = 0; j < deg; j++) if (a[j] == want) { cur = j; break; }
                    if (cur < 0) throw new InvalidOperationException($"vertex {v}: triangle fan is not closed");
                }
            }
        });
        return (start, tri, second);
    }

    private static void Circumcentres(double[] verts, int[] tris, double[] cc)
    {
        int nt = tris.Length / 3;
        ParallelRanges.For(nt, 8192, (_, lo, hi) =>
        {
            for (int f = lo; f < hi; f++)
            {
                int a = 3 * tris[3 * f], b = 3 * tris[3 * f + 1], c = 3 * tris[3 * f + 2];
                double ux = verts[b] - verts[a], uy = verts[b + 1] - verts[a + 1], uz = verts[b + 2] - verts[a + 2];
                double wx = verts[c] - verts[a], wy = verts[c + 1] - verts[a + 1], wz = verts[c + 2] - verts[a + 2];
                var p = cc.AsSpan(3 * f, 3);
                p[0] = uy * wz - uz * wy; p[1] = uz * wx - ux * wz; p[2] = ux * wy - uy * wx;
                Sphere.Normalize(p);
            }
        });
    }

    /// <summary>One Lloyd step: each generator moves to its cell's centroid direction ∫_K η dA = ½ Σ_edges θ_e N_e (N_e the unit normal of the edge's great-circle plane).</summary>
    private static void LloydStep(double[] verts, double[] cc, int[] ringStart, int[] ringTri, double[] next)
    {
        int nv = verts.Length / 3;
        ParallelRanges.For(nv, 4096, (_, lo, hi) =>
        {
            Span<double> s = stackalloc double[3];
            for (int v = lo; v < hi; v++)
            {
                s.Clear();
                int s0 = ringStart[v], deg = ringStart[v + 1] - s0;
                for (int i = 0; i < deg; i++)
                {
                    var p = cc.AsSpan(3 * ringTri[s0 + i], 3);
                    var q = cc.AsSpan(3 * ringTri[s0 + (i + 1) % deg], 3);
                    double nx = p[1] * q[2] - p[2] * q[1], ny = p[2] * q[0] - p[0] * q[2], nz = p[0] * q[1] - p[1] * q[0];
                    double len = Math.Sqrt(nx * nx + ny * ny + nz * nz);
                    if (len == 0) continue;
                    double w = Sphere.Distance(p, q) / len;
                    s[0] += w * nx; s[1] += w * ny; s[2] += w * nz;
                }
                Sphere.Normalize(s);
                s.CopyTo(next.AsSpan(3 * v, 3));
            }
        });
    }

    /// <summary>After relaxation, checks the empty-circumcircle property so that the kept connectivity is still the Voronoi one.</summary>
    private static void CheckDelaunay(double[] verts, int[] tris, double[] cc, int[] ringStart, int[] ringNext)
    {
        int nt = tris.Length / 3;
        ParallelRanges.For(nt, 8192, (_, lo, hi) =>
        {
            for (int f = lo; f < hi; f++)
            {
                var c = cc.AsSpan(3 * f, 3);
                double r = Sphere.Dot(c, verts.AsSpan(3 * tris[3 * f], 3));
                for (int k = 0; k < 3; k++)
                {
                    int v = tris[3 * f + k];
                    for (int s = ringStart[v]; s < ringStart[v + 1]; s++)
                        if (Sphere.Dot(c, verts.AsSpan(3 * ringNext[s], 3)) > r + 1e-13)
                            throw new InvalidOperationException("SCVT relaxation changed the Delaunay connectivity; use fewer Lloyd iterations");
                }
            }
        });
    }

    private static SphereMesh Assemble(int level, int lloyd, double[] verts, double[] cc, int[] ringStart, int[] ringTri, int[] ringNext)
    {
        int nv = verts.Length / 3, ne = ringTri.Length;
        var measures = new double[nv];
        var fm = new double[ne];
        var dist = new double[ne];
        var normals = new double[3 * ne];
        var bad = 0;
        ParallelRanges.For(nv, 4096, (_, lo, hi) =>
        {
            for (int v = lo; v < hi; v++)
            {
                var x = verts.AsSpan(3 * v, 3);
                int s0 = ringStart[v], deg = ringStart[v + 1] - s0;
                double area = 0;
                for (int i = 0; i < deg; i++)
                {
                    int e = s0 + i, l = ringNext[e];
                    var p = cc.AsSpan(3 * ringTri[e], 3);
                    var q = cc.AsSpan(3 * ringTri[s0 + (i + 1) % deg], 3);
                    double t = TriangleArea(x, p, q);
                    if (t < 0) Interlocked.Increment(ref bad);
                    area += t;
                    fm[e] = Sphere.Distance(p, q);
                    var y = verts.AsSpan(3 * l, 3);
                    dist[e] = Sphere.Distance(x, y);
                    var n = normals.AsSpan(3 * e, 3);
                    n[0] = p[1] * q[2] - p[2] * q[1]; n[1] = p[2] * q[0] - p[0] * q[2]; n[2] = p[0] * q[1] - p[1] * q[0];
                    double len = Sphere.Norm(n);
                    if (!(len > 1e-300)) { for (int c = 0; c < 3; c++) n[c] = y[c] - x[c]; }
                    Sphere.Normalize(n);
                    double side = 0;
                    for (int c = 0; c < 3; c++) side += n[c] * (y[c] - x[c]);
                    if (side < 0) for (int c = 0; c < 3; c++) n[c] = -n[c];
                }
                measures[v] = area;
            }
        });
        if (bad > 0) throw new InvalidOperationException($"icosahedral Voronoi cells: {bad} inverted sub-triangles");
        var polygons = new CellPolygons(cc, ringStart, ringTri);
        var locator = BuildLocator(verts, ringStart, ringNext);
        return new SphereMesh(lloyd > 0 ? "icosahedral-scvt" : "icosahedral", level, 3, verts, measures, ringStart, ringNext, fm, dist)
        {
            Polygons = polygons,
            FaceNormals = normals,
            Locator = locator,
        };
    }

    // ---- point location -----------------------------------------------------------------------------------------

    /// <summary>
    /// Greedy walk on the Delaunay graph (move to the neighbour nearest to η until none is nearer: a generator is the
    /// nearest one exactly when no Delaunay neighbour is nearer), started from a cell looked up in an equal-area
    /// (z, longitude) table of about CellCount/8 bins, so a query takes a few steps.
    /// </summary>
    private static LocateCell BuildLocator(double[] verts, int[] start, int[] nb)
    {
        int nv = verts.Length / 3;
        int nz = Math.Max(4, (int)Math.Sqrt(nv / 16.0)), nphi = 2 * nz;
        var table = new int[nz * nphi];
        int cur = 0;
        for (int iz = 0; iz < nz; iz++)
        {
            double z = -1 + (iz + 0.5) * 2.0 / nz, r = Math.Sqrt(Math.Max(0, 1 - z * z));
            for (int j = 0; j < nphi; j++)
            {
                int ip = iz % 2 == 0 ? j : nphi - 1 - j; // boustrophedon: each walk starts next to the previous bin
                double phi = -Math.PI + (ip + 0.5) * 2 * Math.PI / nphi;
                cur = Walk(verts, start, nb, cur, r * Math.Cos(phi), r * Math.Sin(phi), z);
                table[iz * nphi + ip] = cur;
            }
        }
        return eta =>
        {
            if (eta.Length != 3) throw new ArgumentException("icosahedral mesh: point must have 3 coordinates");
            double x = eta[0], y = eta[1], z = eta[2];
            double n = Math.Sqrt(x * x + y * y + z * z);
            int iz = Math.Clamp((int)((z / n + 1) * 0.5 * nz), 0, nz - 1);
            int ip = Math.Clamp((int)((Math.Atan2(y, x) + Math.PI) / (2 * Math.PI) * nphi), 0, nphi - 1);
            return Walk(verts, start, nb, table[iz * nphi + ip], x, y, z);
        };
    }

    private static int Walk(double[] verts, int[] start, int[] nb, int cur, double x, double y, double z)
    {
        double best = verts[3 * cur] * x + verts[3 * cur + 1] * y + verts[3 * cur + 2] * z;
        while (true)
        {
            int next = -1;
            for (int e = start[cur]; e < start[cur + 1]; e++)
            {
                int l = nb[e];
                double d = verts[3 * l] * x + verts[3 * l + 1] * y + verts[3 * l + 2] * z;
                if (d > best) { best = d; next = l; }
            }
            if (next < 0) return cur;
            cur = next;
        }
    }
}

using SphereFlow.Geometry;

namespace SphereFlow.Certificates;

/// <summary>
/// A cell of a hierarchical subdivision of S^d, with a geodesic ball B(<see cref="Centre"/>, <see cref="Radius"/>) that
/// contains it. <see cref="Data"/> is the subdivision's own description (simplex vertices or a cube box).
/// </summary>
/// <param name="Centre">Unit vector.</param>
/// <param name="Radius">Radius (already inflated by <see cref="RoundOff.InflateRadius"/>) of a geodesic ball containing the cell; &lt; π/2.</param>
/// <param name="Data">The subdivision's description of the cell.</param>
/// <param name="Level">Refinement level (roots are 0).</param>
public sealed record SphereCell(double[] Centre, double Radius, double[] Data, int Level);

/// <summary>A hierarchical subdivision of S^d: cells that tile the sphere, each split into children that tile it.</summary>
public interface ISphereSubdivision
{
    /// <summary>Ambient dimension d + 1.</summary>
    int AmbientDim { get; }

    /// <summary>The root cells (they tile S^d).</summary>
    IReadOnlyList<SphereCell> Roots();

    /// <summary>Appends the children of <paramref name="cell"/> (they tile it) to <paramref name="into"/>.</summary>
    void Split(SphereCell cell, List<SphereCell> into);
}

/// <summary>The subdivisions used to bound min J: arcs on S^1, icosahedral triangles on S^2, a cube-sphere on S^d, d ≥ 3.</summary>
public static class SphereSubdivisions
{
    /// <summary>The subdivision for ambient dimension <paramref name="dim"/>.</summary>
    public static ISphereSubdivision For(int dim) => dim switch
    {
        2 => new SimplexSubdivision(2),
        3 => new SimplexSubdivision(3),
        _ when dim >= 4 => new CubeSphereSubdivision(dim),
        _ => throw new ArgumentException("the sphere needs ambient dimension ≥ 2"),
    };

    /// <summary>Ball around the normalised mean of <paramref name="vertices"/> (row-major) containing their spherical convex hull.</summary>
    internal static SphereCell Ball(double[] vertices, int dim, double[] data, int level)
    {
        int count = vertices.Length / dim;
        var centre = new double[dim];
        for (int v = 0; v < count; v++)
            for (int c = 0; c < dim; c++) centre[c] += vertices[v * dim + c];
        Sphere.Normalize(centre);
        double r = 0;
        for (int v = 0; v < count; v++)
        {
            var p = vertices.AsSpan(v * dim, dim);
            r = Math.Max(r, Sphere.Angle(centre, 1, p, Sphere.Norm(p)));
        }
        return new SphereCell(centre, RoundOff.InflateRadius(r), data, level);
    }
}

/// <summary>
/// Spherical simplices: on S^1, 16 equal arcs halved by the normalised midpoint of their end points; on S^2, the 20 faces of
/// the icosahedron split in 4 by the normalised edge midpoints. A spherical simplex inside an open hemisphere is the
/// spherical convex hull of its vertices, and a geodesic ball of radius &lt; π/2 is spherically convex, so the ball around the
/// normalised vertex mean reaching the farthest vertex contains the cell. Children share their vertices bit for bit with
/// their neighbours (the midpoint of an edge is normalize(p + q), and p + q = q + p in floating point), so the computed
/// cells tile the sphere exactly.
/// </summary>
public sealed class SimplexSubdivision : ISphereSubdivision
{
    /// <summary>Creates the subdivision of S^1 (<paramref name="dim"/> = 2) or S^2 (3).</summary>
    public SimplexSubdivision(int dim)
    {
        if (dim is not (2 or 3)) throw new ArgumentException("simplex subdivisions are for S^1 and S^2");
        AmbientDim = dim;
    }

    /// <inheritdoc/>
    public int AmbientDim { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SphereCell> Roots()
    {
        var roots = new List<SphereCell>();
        if (AmbientDim == 2)
        {
            const int arcs = 16;
            var pts = new double[2 * arcs];
            for (int i = 0; i < arcs; i++) { pts[2 * i] = Math.Cos(2 * Math.PI * i / arcs); pts[2 * i + 1] = Math.Sin(2 * Math.PI * i / arcs); }
            for (int i = 0; i < arcs; i++)
            {
                int j = (i + 1) % arcs;
                double[] v = [pts[2 * i], pts[2 * i + 1], pts[2 * j], pts[2 * j + 1]];
                roots.Add(SphereSubdivisions.Ball(v, 2, v, 0));
            }
            return roots;
        }
        double p = (1 + Math.Sqrt(5)) / 2;
        double[][] ico = [[-1, p, 0], [1, p, 0], [-1, -p, 0], [1, -p, 0], [0, -1, p], [0, 1, p], [0, -1, -p], [0, 1, -p], [p, 0, -1], [p, 0, 1], [-p, 0, -1], [-p, 0, 1]];
        foreach (var q in ico) Sphere.Normalize(q);
        int[][] faces = [[0, 11, 5], [0, 5, 1], [0, 1, 7], [0, 7, 10], [0, 10, 11], [1, 5, 9], [5, 11, 4], [11, 10, 2], [10, 7, 6], [7, 1, 8],
                         [3, 9, 4], [3, 4, 2], [3, 2, 6], [3, 6, 8], [3, 8, 9], [4, 9, 5], [2, 4, 11], [6, 2, 10], [8, 6, 7], [9, 8, 1]];
        foreach (var f in faces)
        {
            double[] v = [.. ico[f[0]], .. ico[f[1]], .. ico[f[2]]];
            roots.Add(SphereSubdivisions.Ball(v, 3, v, 0));
        }
        return roots;
    }

    private double[] Mid(double[] v, int a, int b)
    {
        int d = AmbientDim;
        var m = new double[d];
        for (int c = 0; c < d; c++) m[c] = v[a * d + c] + v[b * d + c];
        Sphere.Normalize(m);
        return m;
    }

    /// <inheritdoc/>
    public void Split(SphereCell cell, List<SphereCell> into)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(into);
        var v = cell.Data;
        int d = AmbientDim, level = cell.Level + 1;
        if (d == 2)
        {
            var m = Mid(v, 0, 1);
            double[] left = [v[0], v[1], m[0], m[1]], right = [m[0], m[1], v[2], v[3]];
            into.Add(SphereSubdivisions.Ball(left, 2, left, level));
            into.Add(SphereSubdivisions.Ball(right, 2, right, level));
            return;
        }
        var a = v.AsSpan(0, 3).ToArray();
        var b = v.AsSpan(3, 3).ToArray();
        var c = v.AsSpan(6, 3).ToArray();
        var ab = Mid(v, 0, 1);
        var bc = Mid(v, 1, 2);
        var ca = Mid(v, 2, 0);
        foreach (var t in new[] { (a, ab, ca), (ab, b, bc), (ca, bc, c), (ab, bc, ca) })
        {
            double[] tv = [.. t.Item1, .. t.Item2, .. t.Item3];
            into.Add(SphereSubdivisions.Ball(tv, 3, tv, level));
        }
    }
}

/// <summary>
/// Cube-sphere on S^d (any d ≥ 1, used for d ≥ 3): the 2(d + 1) facets of the cube [−1, 1]^{d+1} projected radially, each a
/// d-cube split into 2^d halves per level. Box corners are dyadic rationals, exact in floating point, so the boxes tile each
/// facet exactly and their radial images tile the sphere. The radial image of a box (a convex polytope in a hyperplane
/// missing 0) is the spherical convex hull of its corners' images, so the ball around the normalised box centre reaching the
/// farthest corner contains it (the ball is spherically convex for radius &lt; π/2; a facet's corners are at 60° or less from its
/// centre for d ≤ 3 and at most arccos(1/√(d+1)) &lt; π/2 in general).
/// </summary>
public sealed class CubeSphereSubdivision : ISphereSubdivision
{
    /// <summary>Creates the cube-sphere of S^d, <paramref name="dim"/> = d + 1.</summary>
    public CubeSphereSubdivision(int dim)
    {
        if (dim < 2 || dim > 12) throw new ArgumentException("cube-sphere subdivisions are for ambient dimensions 2..12");
        AmbientDim = dim;
    }

    /// <inheritdoc/>
    public int AmbientDim { get; }

    // Data layout: [axis, sign, size, lo_0 … lo_{d−1}] with the box's free coordinates (every axis but `axis`) in order.
    private SphereCell Make(int axis, double sign, double size, double[] lo, int level)
    {
        int dim = AmbientDim, free = dim - 1, corners = 1 << free;
        var verts = new double[corners * dim];
        for (int k = 0; k < corners; k++)
        {
            int f = 0;
            for (int c = 0; c < dim; c++)
            {
                if (c == axis) { verts[k * dim + c] = sign; continue; }
                verts[k * dim + c] = lo[f] + (((k >> f) & 1) == 1 ? size : 0);
                f++;
            }
        }
        var data = new double[3 + free];
        data[0] = axis; data[1] = sign; data[2] = size;
        lo.CopyTo(data, 3);
        return SphereSubdivisions.Ball(verts, dim, data, level);
    }

    /// <inheritdoc/>
    public IReadOnlyList<SphereCell> Roots()
    {
        var roots = new List<SphereCell>();
        var lo = Enumerable.Repeat(-1.0, AmbientDim - 1).ToArray();
        for (int axis = 0; axis < AmbientDim; axis++)
            foreach (double sign in new[] { -1.0, 1.0 }) roots.Add(Make(axis, sign, 2, lo, 0));
        return roots;
    }

    /// <inheritdoc/>
    public void Split(SphereCell cell, List<SphereCell> into)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(into);
        var d = cell.Data;
        int axis = (int)d[0], free = AmbientDim - 1;
        double sign = d[1], half = d[2] / 2;
        for (int k = 0; k < 1 << free; k++)
        {
            var lo = new double[free];
            for (int f = 0; f < free; f++) lo[f] = d[3 + f] + (((k >> f) & 1) == 1 ? half : 0);
            into.Add(Make(axis, sign, half, lo, cell.Level + 1));
        }
    }
}

using System.Text;
using SphereFlow.Measures;

namespace SphereFlow.IO;

/// <summary>
/// Writes a particle measure as a VTK XML PolyData point cloud (.vtp, ASCII) for ParaView: one point and one vertex
/// cell per atom, with PointData "mass" (M_j) and "first_coordinate" (η_0, for relu the output weight a_j, whose sign
/// colours the paper's pictures). Points are 3D: the atoms of S^1 are written as (x, y, 0); for S^d with d &gt; 2 the
/// first three coordinates (a projection). Numbers are invariant round-trip; the file is written atomically.
/// </summary>
public static class VtpWriter
{
    /// <summary>Writes <paramref name="nu"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            int n = nu.Count, dim = nu.AmbientDim;
            w.Write("<?xml version=\"1.0\"?>\n");
            w.Write("<VTKFile type=\"PolyData\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">\n<PolyData>\n");
            if (dim > 3) w.Write($"<!-- S^{dim - 1} particles: points are the first 3 of {dim} coordinates -->\n");
            w.Write($"<Piece NumberOfPoints=\"{NumberFormat.I(n)}\" NumberOfVerts=\"{NumberFormat.I(n)}\" NumberOfLines=\"0\" NumberOfStrips=\"0\" NumberOfPolys=\"0\">\n");
            w.Write("<PointData Scalars=\"mass\">\n");
            WriteArray(w, "mass", nu.Mass);
            WriteArray(w, "first_coordinate", Enumerable.Range(0, n).Select(j => nu.Points[j * dim]));
            w.Write("</PointData>\n<Points>\n<DataArray type=\"Float64\" Name=\"Points\" NumberOfComponents=\"3\" format=\"ascii\">\n");
            for (int j = 0; j < n; j++)
            {
                for (int c = 0; c < 3; c++)
                {
                    if (c > 0) w.Write(' ');
                    w.Write(NumberFormat.R(c < dim ? nu.Points[j * dim + c] : 0.0));
                }
                w.Write('\n');
            }
            w.Write("</DataArray>\n</Points>\n<Verts>\n<DataArray type=\"Int64\" Name=\"connectivity\" format=\"ascii\">\n");
            for (int j = 0; j < n; j++) { w.Write(NumberFormat.I(j)); w.Write('\n'); }
            w.Write("</DataArray>\n<DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n");
            for (int j = 0; j < n; j++) { w.Write(NumberFormat.I(j + 1)); w.Write('\n'); }
            w.Write("</DataArray>\n</Verts>\n</Piece>\n</PolyData>\n</VTKFile>\n");
        });
    }

    private static void WriteArray(TextWriter w, string name, IEnumerable<double> values)
    {
        w.Write($"<DataArray type=\"Float64\" Name=\"{name}\" format=\"ascii\">\n");
        foreach (var v in values) { w.Write(NumberFormat.R(v)); w.Write('\n'); }
        w.Write("</DataArray>\n");
    }
}

using System.Text;
using SphereFlow.IO;

namespace SphereFlow.Meshes;

/// <summary>
/// Writes a mesh as a VTK XML UnstructuredGrid (.vtu, ASCII) for ParaView. On S^2 meshes with polygons the cells are
/// VTK_POLYGON (7) with the polygon corners as points (flat polygons between points on the sphere); otherwise each cell
/// is a VTK_VERTEX (1) at its centre. Points are 3D: for S^1 the centres are (x, y, 0), for d &gt; 2 only the first three
/// coordinates of the centres are written (a projection). CellData holds "measure" and any named scalar fields
/// (one value per cell, e.g. "density"). Numbers are written invariant and round-trip ("R"); the file is written atomically.
/// </summary>
public static class VtuWriter
{
    /// <summary>VTK cell type of a polygon.</summary>
    public const int VtkPolygon = 7;
    /// <summary>VTK cell type of a single point.</summary>
    public const int VtkVertex = 1;

    /// <summary>Writes <paramref name="mesh"/> and the cell fields to <paramref name="path"/>.</summary>
    public static void Write(string path, SphereMesh mesh, IReadOnlyDictionary<string, double[]>? cellFields = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (cellFields is not null)
            foreach (var (name, values) in cellFields)
            {
                if (values is null || values.Length != mesh.CellCount)
                    throw new ArgumentException($"cell field '{name}' has {values?.Length ?? 0} values, the mesh has {mesh.CellCount} cells");
                if (string.IsNullOrWhiteSpace(name) || name.Any(c => c is '"' or '<' or '>' or '&'))
                    throw new ArgumentException($"cell field name '{name}' is not a valid VTK array name");
            }
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            WriteTo(w, mesh, cellFields);
        });
    }

    private static void WriteTo(TextWriter w, SphereMesh mesh, IReadOnlyDictionary<string, double[]>? fields)
    {
        int n = mesh.CellCount, dim = mesh.AmbientDim;
        bool poly = mesh.Polygons is not null && dim == 3;
        double[] points;
        int npts;
        if (poly)
        {
            points = mesh.Polygons!.Vertices;
            npts = points.Length / 3;
        }
        else
        {
            npts = n;
            points = new double[3 * n];
            for (int k = 0; k < n; k++)
                for (int c = 0; c < Math.Min(3, dim); c++) points[3 * k + c] = mesh.Centers[k * dim + c];
        }
        w.Write("<?xml version=\"1.0\"?>\n");
        w.Write("<VTKFile type=\"UnstructuredGrid\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\">\n");
        if (dim > 3) w.Write($"<!-- S^{dim - 1} mesh: points are the first 3 of {dim} coordinates of the cell centres -->\n");
        w.Write("<UnstructuredGrid>\n");
        w.Write($"<Piece NumberOfPoints=\"{NumberFormat.I(npts)}\" NumberOfCells=\"{NumberFormat.I(n)}\">\n");
        w.Write("<Points>\n<DataArray type=\"Float64\" Name=\"Points\" NumberOfComponents=\"3\" format=\"ascii\">\n");
        for (int p = 0; p < npts; p++)
        {
            w.Write(NumberFormat.R(points[3 * p])); w.Write(' ');
            w.Write(NumberFormat.R(points[3 * p + 1])); w.Write(' ');
            w.Write(NumberFormat.R(points[3 * p + 2])); w.Write('\n');
        }
        w.Write("</DataArray>\n</Points>\n<Cells>\n");
        w.Write("<DataArray type=\"Int64\" Name=\"connectivity\" format=\"ascii\">\n");
        if (poly)
        {
            var pg = mesh.Polygons!;
            for (int k = 0; k < n; k++)
            {
                for (int q = pg.CellStart[k]; q < pg.CellStart[k + 1]; q++) { w.Write(NumberFormat.I(pg.CellVertices[q])); w.Write(' '); }
                w.Write('\n');
            }
        }
        else for (int k = 0; k < n; k++) { w.Write(NumberFormat.I(k)); w.Write('\n'); }
        w.Write("</DataArray>\n<DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n");
        for (int k = 0; k < n; k++)
        {
            w.Write(NumberFormat.I(poly ? mesh.Polygons!.CellStart[k + 1] - mesh.Polygons.CellStart[0] : k + 1));
            w.Write('\n');
        }
        w.Write("</DataArray>\n<DataArray type=\"UInt8\" Name=\"types\" format=\"ascii\">\n");
        string type = NumberFormat.I(poly ? VtkPolygon : VtkVertex);
        for (int k = 0; k < n; k++) { w.Write(type); w.Write('\n'); }
        w.Write("</DataArray>\n</Cells>\n<CellData Scalars=\"measure\">\n");
        WriteArray(w, "measure", mesh.CellMeasures);
        if (fields is not null) foreach (var (name, values) in fields) WriteArray(w, name, values);
        w.Write("</CellData>\n</Piece>\n</UnstructuredGrid>\n</VTKFile>\n");
    }

    private static void WriteArray(TextWriter w, string name, double[] values)
    {
        w.Write($"<DataArray type=\"Float64\" Name=\"{name}\" format=\"ascii\">\n");
        foreach (var v in values) { w.Write(NumberFormat.R(v)); w.Write('\n'); }
        w.Write("</DataArray>\n");
    }
}

using System.Globalization;
using SphereFlow.Geometry;

namespace SphereFlow.Meshes;

/// <summary>Quality report of a mesh.</summary>
/// <param name="Kind">Mesh kind.</param>
/// <param name="SphereDim">Sphere dimension d.</param>
/// <param name="Level">Refinement level.</param>
/// <param name="CellCount">Number of cells.</param>
/// <param name="FaceCount">Number of faces (each counted once).</param>
/// <param name="MinFacesPerCell">Fewest faces of a cell.</param>
/// <param name="MaxFacesPerCell">Most faces of a cell.</param>
/// <param name="MinCellMeasure">Smallest |K|.</param>
/// <param name="MaxCellMeasure">Largest |K|.</param>
/// <param name="MeasureRatio">max |K| / min |K|.</param>
/// <param name="MinCenterDistance">Smallest d_σ.</param>
/// <param name="MaxCenterDistance">Largest d_σ.</param>
/// <param name="MaxOrthogonalityDefectDegrees">Largest angle (degrees) between a face normal and the plane of the two centres it separates, i.e. the centre segment's direction where it crosses the face (0 for Voronoi and the coordinate meshes up to round-off); NaN when the mesh carries no face normals.</param>
/// <param name="RelativeMeasureError">|Σ|K| − |S^d|| / |S^d|.</param>
public sealed record MeshQuality(
    string Kind, int SphereDim, int Level, int CellCount, int FaceCount, int MinFacesPerCell, int MaxFacesPerCell,
    double MinCellMeasure, double MaxCellMeasure, double MeasureRatio, double MinCenterDistance, double MaxCenterDistance,
    double MaxOrthogonalityDefectDegrees, double RelativeMeasureError)
{
    /// <summary>Computes the report of <paramref name="mesh"/>.</summary>
    public static MeshQuality Compute(SphereMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        int n = mesh.CellCount, dim = mesh.AmbientDim;
        double minM = double.PositiveInfinity, maxM = 0, minD = double.PositiveInfinity, maxD = 0;
        int minF = int.MaxValue, maxF = 0;
        for (int k = 0; k < n; k++)
        {
            minM = Math.Min(minM, mesh.CellMeasures[k]);
            maxM = Math.Max(maxM, mesh.CellMeasures[k]);
            int f = mesh.FaceStart[k + 1] - mesh.FaceStart[k];
            minF = Math.Min(minF, f); maxF = Math.Max(maxF, f);
        }
        foreach (var d in mesh.CenterDistances) { minD = Math.Min(minD, d); maxD = Math.Max(maxD, d); }
        double defect = double.NaN;
        if (mesh.FaceNormals is { } normals)
        {
            defect = 0;
            Span<double> u2 = stackalloc double[dim];
            for (int k = 0; k < n; k++)
            {
                var a = mesh.Center(k);
                for (int e = mesh.FaceStart[k]; e < mesh.FaceStart[k + 1]; e++)
                    defect = Math.Max(defect, OrthogonalityDefect(a, mesh.Center(mesh.Neighbors[e]), normals.AsSpan(e * dim, dim), u2));
            }
            defect *= 180 / Math.PI;
        }
        double area = Sphere.SurfaceArea(mesh.SphereDim);
        return new MeshQuality(mesh.Kind, mesh.SphereDim, mesh.Level, n, mesh.FaceEntryCount / 2, n == 0 ? 0 : minF, maxF,
            minM, maxM, maxM / minM, minD, maxD, defect, Math.Abs(mesh.TotalMeasure - area) / area);
    }

    /// <summary>Angle (radians) between the unit normal n and the plane of the unit vectors a and b, measured toward b (π − angle when n points back toward a).</summary>
    public static double OrthogonalityDefect(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> n, Span<double> scratch)
    {
        double ab = Sphere.Dot(a, b);
        for (int c = 0; c < a.Length; c++) scratch[c] = b[c] - ab * a[c];
        double len = Sphere.Norm(scratch);
        if (!(len > 0)) return double.NaN;
        double p1 = Sphere.Dot(n, a), p2 = Sphere.Dot(n, scratch) / len, r2 = 0;
        for (int c = 0; c < a.Length; c++)
        {
            double r = n[c] - p1 * a[c] - p2 * scratch[c] / len;
            r2 += r * r;
        }
        double inPlane = Math.Sqrt(p1 * p1 + p2 * p2), angle = Math.Atan2(Math.Sqrt(r2), inPlane);
        double side = 0;
        for (int c = 0; c < a.Length; c++) side += n[c] * (b[c] - a[c]);
        return side >= 0 ? angle : Math.PI - angle;
    }

    /// <summary>The report as aligned "name  value" lines.</summary>
    public IReadOnlyList<string> ToLines()
    {
        static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        (string, string)[] rows =
        [
            ("kind", Kind),
            ("sphere dimension d", I(SphereDim)),
            ("level", I(Level)),
            ("cells", I(CellCount)),
            ("faces", I(FaceCount)),
            ("faces per cell (min..max)", $"{I(MinFacesPerCell)}..{I(MaxFacesPerCell)}"),
            ("cell measure min", G(MinCellMeasure)),
            ("cell measure max", G(MaxCellMeasure)),
            ("cell measure max/min", G(MeasureRatio)),
            ("centre distance d_sigma min..max", $"{G(MinCenterDistance)}..{G(MaxCenterDistance)}"),
            ("max orthogonality defect (deg)", double.IsNaN(MaxOrthogonalityDefectDegrees) ? "n/a" : G(MaxOrthogonalityDefectDegrees)),
            ("relative total measure error", G(RelativeMeasureError)),
        ];
        int w = rows.Max(r => r.Item1.Length);
        return [.. rows.Select(r => $"{r.Item1.PadRight(w)}  {r.Item2}")];
    }

    /// <summary>The report as text (one line per quantity).</summary>
    public override string ToString() => string.Join(Environment.NewLine, ToLines());
}

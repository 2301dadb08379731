using System.Globalization;
using PureHDF;
using SphereFlow.Measures;

namespace SphereFlow.IO;

/// <summary>
/// Writes and reads a <see cref="RunArchive"/> as HDF5 (PureHDF, no native library). Layout, readable with h5py:
/// <code>
/// /                      attributes: format = "sphereflow-run", version = 1, and the run's text attributes
/// /series/COLUMN         float64[rows], one dataset per column; /series attribute "columns" = the column order
/// /snapshots/000000      attributes step (int64), t (float64), ambient_dim (int32)
///     mass               float64[n]        masses M_j (cell masses for a mesh run)
///     points             float64[n, d+1]   atoms (cell centres for a mesh run)
///     cell_measure       float64[n]        |K| (mesh runs only)
///     density            float64[n]        M_K/|K| (mesh runs only)
/// </code>
/// The file is written whole and atomically. Reading checks the layout and names the file in every error.
/// </summary>
public static class RunArchiveHdf5
{
    /// <summary>The value of the root attribute "format".</summary>
    public const string Format = "sphereflow-run";
    /// <summary>The layout version.</summary>
    public const int Version = 1;

    /// <summary>Writes <paramref name="archive"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, RunArchive archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var file = new H5File();
        file.Attributes["format"] = Format;
        file.Attributes["version"] = Version;
        foreach (var (k, v) in archive.Attributes) file.Attributes[k] = v;

        var series = new H5Group();
        var header = archive.Series.Header;
        series.Attributes["columns"] = header.ToArray();
        for (int c = 0; c < header.Length; c++)
            series[header[c]] = archive.Series.Rows.Select(r => r[c]).ToArray();
        file["series"] = series;

        var snapshots = new H5Group();
        for (int i = 0; i < archive.Snapshots.Count; i++)
        {
            var s = archive.Snapshots[i];
            int n = s.Nu.Count, dim = s.Nu.AmbientDim;
            var g = new H5Group
            {
                ["mass"] = (double[])s.Nu.Mass.Clone(),
                ["points"] = new H5Dataset((double[])s.Nu.Points.Clone(), fileDims: [(ulong)n, (ulong)dim]),
            };
            g.Attributes["step"] = s.Step;
            g.Attributes["t"] = s.T;
            g.Attributes["ambient_dim"] = dim;
            if (s.CellMeasures is not null)
            {
                g["cell_measure"] = (double[])s.CellMeasures.Clone();
                g["density"] = s.Density()!;
            }
            snapshots[Name(i)] = g;
        }
        file["snapshots"] = snapshots;
        // PureHDF needs a readable, seekable stream: build the file in memory, then write it atomically.
        using var buffer = new MemoryStream();
        file.Write(buffer);
        AtomicFile.Write(path, stream => buffer.WriteTo(stream));
    }

    /// <summary>Reads a file written by <see cref="Write"/>; every problem is an <see cref="InputException"/> naming the file.</summary>
    public static RunArchive Read(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        try
        {
            using var file = H5File.OpenRead(path);
            if (!file.AttributeExists("format") || file.Attribute("format").Read<string>() != Format)
                throw new InputException($"{path}: not a SphereFlow run file (no format = {Format})");
            int version = file.Attribute("version").Read<int>();
            if (version != Version) throw new InputException($"{path}: layout version {version}, this program reads {Version}");
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in file.Attributes())
                if (a.Name is not ("format" or "version")) attributes[a.Name] = a.Read<string>();

            var seriesGroup = file.Group("series");
            var columns = seriesGroup.Attribute("columns").Read<string[]>();
            var data = columns.Select(c => seriesGroup.Dataset(c).Read<double[]>()).ToArray();
            int rows = data.Length == 0 ? 0 : data[0].Length;
            if (data.Any(d => d.Length != rows)) throw new InputException($"{path}: /series columns differ in length");
            var table = new NumericTable(columns, Enumerable.Range(0, rows).Select(r => data.Select(d => d[r]).ToArray()).ToArray());

            var snapshots = new List<MeasureSnapshot>();
            var snapGroup = file.Group("snapshots");
            for (int i = 0; snapGroup.LinkExists(Name(i)); i++)
            {
                var g = snapGroup.Group(Name(i));
                long step = g.Attribute("step").Read<long>();
                double t = g.Attribute("t").Read<double>();
                int dim = g.Attribute("ambient_dim").Read<int>();
                var mass = g.Dataset("mass").Read<double[]>();
                var pointsSet = g.Dataset("points");
                var dims = pointsSet.Space.Dimensions;
                if (dims.Length != 2 || dims[0] != (ulong)mass.Length || dims[1] != (ulong)dim)
                    throw new InputException($"{path}: /snapshots/{Name(i)}/points has shape [{string.Join(", ", dims)}], expected [{mass.Length}, {dim}]");
                var points = pointsSet.Read<double[]>();
                double[]? cells = g.LinkExists("cell_measure") ? g.Dataset("cell_measure").Read<double[]>() : null;
                snapshots.Add(new MeasureSnapshot(step, t, new Measure(dim, mass, points), cells));
            }
            return new RunArchive(table, snapshots, attributes);
        }
        catch (InputException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
        {
            throw new InputException($"{path}: cannot read the HDF5 run file ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    private static string Name(int i) => i.ToString("D6", CultureInfo.InvariantCulture);
}

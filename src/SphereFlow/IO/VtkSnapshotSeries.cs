using System.Text;

namespace SphereFlow.IO;

/// <summary>
/// A time series of VTK files with its ParaView index: snapshot i goes to <c>snapshots/NAME_iiiiii.EXT</c> and the
/// collection file <c>NAME.pvd</c> (one <c>&lt;DataSet timestep="t" file="…"/&gt;</c> per snapshot, paths relative to it)
/// is rewritten atomically after each snapshot, so it is valid even if the run stops. Open NAME.pvd in ParaView and
/// press play to animate. The snapshot itself is written by a callback (VTU of a mesh, VTP of particles).
/// </summary>
public sealed class VtkSnapshotSeries
{
    private readonly List<(double T, string File)> _entries = [];

    /// <summary>A series in <paramref name="directory"/> named <paramref name="name"/> (e.g. "nu").</summary>
    public VtkSnapshotSeries(string directory, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.IndexOfAny(['/', '\\', '"', '<', '>', '&']) >= 0) throw new ArgumentException($"series name '{name}' is not a plain file name");
        Directory = System.IO.Path.GetFullPath(directory);
        Name = name;
    }

    /// <summary>
    /// Continues the series of an earlier run that is resumed at time <paramref name="upTo"/>: the entries of
    /// <paramref name="fromDirectory"/>/NAME.pvd at times up to <paramref name="upTo"/> are kept (later ones were written after
    /// the checkpoint and are written again), their files copied into <paramref name="directory"/> when it is another folder,
    /// and the index rewritten. Without an earlier index the series starts empty. A malformed index is an
    /// <see cref="InputException"/> naming it.
    /// </summary>
    public static VtkSnapshotSeries Resume(string directory, string name, string fromDirectory, double upTo)
    {
        var series = new VtkSnapshotSeries(directory, name);
        string index = System.IO.Path.Combine(System.IO.Path.GetFullPath(fromDirectory), name + ".pvd");
        if (!File.Exists(index)) return series;
        List<(double T, string File)> earlier;
        try
        {
            var doc = System.Xml.Linq.XDocument.Load(index);
            earlier = [.. doc.Descendants("DataSet").Select(d => (
                NumberFormat.TryParse(d.Attribute("timestep")?.Value ?? "") ?? throw new FormatException("a DataSet without a numeric timestep"),
                d.Attribute("file")?.Value ?? throw new FormatException("a DataSet without a file")))];
        }
        catch (Exception e) when (e is System.Xml.XmlException or FormatException)
        {
            throw new InputException($"{index}: not a snapshot index ({e.Message})", e);
        }
        foreach (var (t, file) in earlier.Where(e => e.T <= upTo + TimeTolerance(upTo)))
        {
            if (file.Contains("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(file)) throw new InputException($"{index}: entry '{file}' is not inside the run folder");
            string from = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(index)!, file), to = System.IO.Path.Combine(series.Directory, file);
            if (from != to)
            {
                System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
            }
            series._entries.Add((t, file));
        }
        series.WriteIndex();
        return series;
    }

    /// <summary>Round-off allowance of times (the simulation's: 1e-12·max(1, |t|)).</summary>
    private static double TimeTolerance(double t) => 1e-12 * Math.Max(1.0, Math.Abs(t));

    /// <summary>The folder holding NAME.pvd and snapshots/.</summary>
    public string Directory { get; }

    /// <summary>The series name.</summary>
    public string Name { get; }

    /// <summary>The collection file.</summary>
    public string IndexPath => System.IO.Path.Combine(Directory, Name + ".pvd");

    /// <summary>Number of snapshots written.</summary>
    public int Count => _entries.Count;

    /// <summary>Writes snapshot number <see cref="Count"/> at time <paramref name="t"/> through <paramref name="write"/> (given the full path), then the index.</summary>
    public string Add(double t, string extension, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!double.IsFinite(t)) throw new ArgumentException($"snapshot time {t} is not finite");
        if (_entries.Count > 0 && !(t >= _entries[^1].T)) throw new ArgumentException($"snapshot time {t} is before the previous one ({_entries[^1].T})");
        string relative = $"snapshots/{Name}_{_entries.Count:D6}.{extension.TrimStart('.')}";
        string full = System.IO.Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        write(full);
        _entries.Add((t, relative));
        WriteIndex();
        return full;
    }

    private void WriteIndex()
    {
        var sb = new StringBuilder();
        sb.Append("<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n<Collection>\n");
        foreach (var (t, file) in _entries)
            sb.Append($"<DataSet timestep=\"{NumberFormat.R(t)}\" group=\"\" part=\"0\" file=\"{file}\"/>\n");
        sb.Append("</Collection>\n</VTKFile>\n");
        AtomicFile.WriteAllText(IndexPath, sb.ToString());
    }
}

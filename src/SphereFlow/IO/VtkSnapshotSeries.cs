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

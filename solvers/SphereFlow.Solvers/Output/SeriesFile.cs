using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary><c>series.csv</c>: the recorded rows of a run (header <see cref="SeriesRow.Header"/>), written atomically and read back on resume.</summary>
public static class SeriesFile
{
    /// <summary>File name in a run folder.</summary>
    public const string Name = "series.csv";

    /// <summary>Writes the rows.</summary>
    public static void Write(string path, IEnumerable<SeriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        NumericCsv.Write(path, SeriesRow.Header, rows.Select(r => (IReadOnlyList<double>)r.ToArray()));
    }

    /// <summary>Reads the series of the run folder <paramref name="directory"/> (empty when absent).</summary>
    public static IReadOnlyList<SeriesRow> Read(string directory)
    {
        string p = Path.Combine(directory, Name);
        if (!File.Exists(p)) return [];
        var t = NumericCsv.Read(p, allowNonFinite: true);
        if (!t.Header.SequenceEqual(SeriesRow.Header)) throw new InputException($"{p}: not a SphereFlow series (header differs)");
        return t.Rows.Select(SeriesRow.FromArray).ToList();
    }
}

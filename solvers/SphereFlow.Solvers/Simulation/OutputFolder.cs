using SphereFlow.Solvers.Stepping;
using System.Text.Json;
using SphereFlow.IO;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// The files of a run folder: <c>series.csv</c>, <c>summary.json</c>, <c>final.csv</c>, <c>case.resolved.yaml</c>,
/// <c>checkpoint.bin</c>. Every file is written atomically.
/// </summary>
public sealed class OutputFolder
{
    /// <summary>Checkpoint file name.</summary>
    public const string CheckpointFile = "checkpoint.bin";
    private const int Magic = 0x4B434653; // "SFCK"
    private const int Version = 1;

    /// <summary>Uses (and creates) a folder.</summary>
    public OutputFolder(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>Path of a file in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>Writes series.csv.</summary>
    public void WriteSeries(IEnumerable<SeriesRow> rows) =>
        NumericCsv.Write(File("series.csv"), SeriesRow.Header, rows.Select(r => (IReadOnlyList<double>)r.ToArray()));

    /// <summary>Reads series.csv of an earlier run (empty when absent).</summary>
    public static IReadOnlyList<SeriesRow> ReadSeries(string directory)
    {
        string p = System.IO.Path.Combine(directory, "series.csv");
        if (!System.IO.File.Exists(p)) return [];
        var t = NumericCsv.Read(p, allowNonFinite: true);
        if (!t.Header.SequenceEqual(SeriesRow.Header)) throw new InputException($"{p}: not a SphereFlow series (header differs)");
        return t.Rows.Select(SeriesRow.FromArray).ToList();
    }

    /// <summary>Writes the checkpoint of a solver (bit-exact state).</summary>
    public void WriteCheckpoint(ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        AtomicFile.Write(File(CheckpointFile), s =>
        {
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Version);
            w.Write(solver.Name);
            w.Write(solver.Stepper);
            solver.WriteState(w);
        });
    }

    /// <summary>Restores a solver from the checkpoint in <paramref name="directory"/>.</summary>
    public static void ReadCheckpoint(string directory, ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        string p = System.IO.Path.Combine(directory, CheckpointFile);
        if (!System.IO.File.Exists(p)) throw new InputException($"{p}: no checkpoint to resume from");
        try
        {
            using var r = new BinaryReader(System.IO.File.OpenRead(p));
            if (r.ReadInt32() != Magic || r.ReadInt32() != Version) throw new InputException($"{p}: not a SphereFlow checkpoint (or another version)");
            string name = r.ReadString(), stepper = r.ReadString();
            if (name != solver.Name || stepper != solver.Stepper)
                throw new InputException($"{p}: checkpoint is of a {name}/{stepper} run, the case is {solver.Name}/{solver.Stepper}");
            solver.ReadState(r);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new InputException($"{p}: cannot resume ({e.Message})", e);
        }
    }

    /// <summary>Writes summary.json from key/value pairs (numbers, strings, booleans); a non-finite number is written as null with a <c>KEY_reason</c> string.</summary>
    public void WriteSummary(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        AtomicFile.Write(File("summary.json"), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            foreach (var (k, v) in values)
            {
                switch (v)
                {
                    case double d when double.IsFinite(d): w.WriteNumber(k, d); break;
                    case double d:
                        // Not a JSON number: null, and a reason beside it, so every reader parses the file as numbers.
                        w.WriteNull(k);
                        w.WriteString(k + "_reason", SummaryReason.NonFinite(d));
                        break;
                    case long l: w.WriteNumber(k, l); break;
                    case int i: w.WriteNumber(k, i); break;
                    case bool b: w.WriteBoolean(k, b); break;
                    case null: w.WriteNull(k); break;
                    default: w.WriteString(k, Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)); break;
                }
            }
            w.WriteEndObject();
        });
    }
}

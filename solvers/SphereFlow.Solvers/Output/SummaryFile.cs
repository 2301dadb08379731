using System.Text.Json;
using SphereFlow.IO;

namespace SphereFlow.Solvers.Output;

/// <summary><c>summary.json</c>: one JSON object of numbers, strings, booleans and nulls (a non-finite number as null with a <c>KEY_reason</c> string beside it), written atomically.</summary>
public static class SummaryFile
{
    /// <summary>File name in a run folder.</summary>
    public const string Name = "summary.json";

    /// <summary>Writes the key/value pairs in order.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        AtomicFile.Write(path, s =>
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

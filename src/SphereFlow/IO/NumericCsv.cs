using System.Globalization;
using System.Text;
using CsvHelper;

namespace SphereFlow.IO;

/// <summary>A numeric CSV table: a header and rows of finite doubles.</summary>
public sealed record NumericTable(string[] Header, double[][] Rows);

/// <summary>Reads and writes numeric CSV files (header line, then rows of numbers) with row-precise errors.</summary>
public static class NumericCsv
{
    /// <summary>Reads a numeric CSV; every error names the file and the line (1-based, header = line 1). NaN and ±Infinity are accepted only when <paramref name="allowNonFinite"/> (own outputs such as series.csv).</summary>
    public static NumericTable Read(string path, bool allowNonFinite = false)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        try
        {
            using var stream = File.OpenRead(path);
            var options = new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true, Separator = ',', TrimWhitespace = true, SkipEmptyLines = true, FormatProvider = CultureInfo.InvariantCulture };
            using var csv = CsvReader.Create(stream, options, false);
            csv.ReadHeader();
            var header = csv.Headers.Select(h => h.Trim()).ToArray();
            if (header.Length == 0 || header.All(string.IsNullOrEmpty)) throw new InputException($"{path}: empty file (a header line is required)");
            var rows = new List<double[]>();
            while (csv.Read())
            {
                long line = csv.LineNumber;
                if (csv.FieldCount != header.Length)
                    throw new InputException($"{path}: line {line}: {csv.FieldCount} fields, header has {header.Length}");
                var v = new double[header.Length];
                for (int c = 0; c < v.Length; c++)
                {
                    string text = csv.GetString(c);
                    var parsed = NumberFormat.TryParse(text);
                    if (parsed is not { } x || (!allowNonFinite && !double.IsFinite(x)))
                        throw new InputException($"{path}: line {line}, column '{header[c]}': '{text}' is not a finite number");
                    v[c] = x;
                }
                rows.Add(v);
            }
            return new NumericTable(header, rows.ToArray());
        }
        catch (InputException) { throw; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException or FormatException or InvalidOperationException)
        {
            throw new InputException($"{path}: cannot read CSV ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    /// <summary>Formats a numeric table as CSV text (round-trip number format).</summary>
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.AppendJoin(',', header).Append('\n');
        foreach (var r in rows)
        {
            for (int c = 0; c < r.Count; c++)
            {
                if (c > 0) sb.Append(',');
                sb.Append(NumberFormat.R(r[c]));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes a numeric table atomically.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<double>> rows)
        => AtomicFile.WriteAllText(path, Format(header, rows));
}

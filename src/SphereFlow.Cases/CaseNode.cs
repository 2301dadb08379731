using System.Globalization;
using SphereFlow.IO;

namespace SphereFlow.Cases;

/// <summary>
/// A mapping in a case file, read with strict checking: every read names its full dotted key in errors,
/// every value read (defaults included) is recorded for <c>case.resolved.yaml</c>, and
/// <see cref="RejectUnknown"/> fails on keys that were never read.
/// </summary>
public sealed class CaseNode
{
    private static readonly AsyncLocal<List<KeyRead>?> Recording = new();
    private readonly Dictionary<string, object?> _map;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>
    /// Records every key read in this execution context into <paramref name="into"/> until the result is disposed: the schema
    /// as the readers really apply it (checked against the documented keys, <see cref="CaseKeys"/>).
    /// </summary>
    public static IDisposable Record(List<KeyRead> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var previous = Recording.Value;
        Recording.Value = into;
        return new RecordingScope(previous);
    }

    private sealed class RecordingScope(List<KeyRead>? previous) : IDisposable
    {
        public void Dispose() => Recording.Value = previous;
    }

    private void Observe(string name, KeyType type, object? fallback = null, IEnumerable<string>? choices = null) =>
        Recording.Value?.Add(new KeyRead(Key(name), type, fallback switch
        {
            null => null,
            double d => NumberFormat.R(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => fallback.ToString(),
        }, choices?.ToList()));

    /// <summary>Wraps a parsed mapping.</summary>
    public CaseNode(string file, string path, Dictionary<string, object?> map)
    {
        File = file; Path = path; _map = map;
    }

    /// <summary>The case file (for messages).</summary>
    public string File { get; }

    /// <summary>Dotted path of this mapping ("" at the root).</summary>
    public string Path { get; }

    /// <summary>The values actually used, defaults included, in reading order.</summary>
    public Dictionary<string, object?> Resolved { get; } = new(StringComparer.Ordinal);

    /// <summary>Full dotted key of a child.</summary>
    public string Key(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    /// <summary>An input error naming the file and key, or the <c>--set</c> override that gave the key its value.</summary>
    public InputException Error(string name, string message) =>
        CaseOverrides.Origin(_map, name) is { } set
            ? new($"--set '{set}': {Key(name)}: {message}")
            : new($"{File}: {Key(name)}: {message}");

    /// <summary>Whether a key is present.</summary>
    public bool Has(string name) => _map.ContainsKey(name);

    private bool TryRaw(string name, out object? raw)
    {
        _read.Add(name);
        return _map.TryGetValue(name, out raw) && raw is not null;
    }

    /// <summary>A required or defaulted string.</summary>
    public string String(string name, string? fallback = null)
    {
        Observe(name, KeyType.Text, fallback);
        return Text(name, fallback);
    }

    private string Text(string name, string? fallback)
    {
        if (!TryRaw(name, out var raw))
        {
            if (fallback is null) throw Error(name, "missing (required)");
            Resolved[name] = fallback;
            return fallback;
        }
        if (raw is not string s) throw Error(name, "expected a single value");
        Resolved[name] = s;
        return s;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string Choice(string name, IEnumerable<string> allowed, string? fallback = null)
    {
        var list = allowed.ToList();
        Observe(name, KeyType.Choice, fallback, list);
        var s = Text(name, fallback);
        if (!list.Contains(s)) throw Error(name, $"'{s}' is not one of {string.Join(", ", list)}");
        return s;
    }

    /// <summary>A finite number, optionally with bounds.</summary>
    public double Number(string name, double? fallback = null, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool minExclusive = false)
    {
        Observe(name, KeyType.Number, fallback);
        double v;
        if (!TryRaw(name, out var raw))
        {
            if (fallback is null) throw Error(name, "missing (required)");
            v = fallback.Value;
        }
        else
        {
            if (raw is not string s || NumberFormat.TryParse(s) is not { } parsed) throw Error(name, $"expected a number, got '{Show(raw)}'");
            v = parsed;
        }
        if (!double.IsFinite(v)) throw Error(name, "must be finite");
        if (v < min || (minExclusive && v <= min)) throw Error(name, $"must be {(minExclusive ? ">" : "≥")} {NumberFormat.R(min)} (got {NumberFormat.R(v)})");
        if (v > max) throw Error(name, $"must be ≤ {NumberFormat.R(max)} (got {NumberFormat.R(v)})");
        Resolved[name] = v;
        return v;
    }

    /// <summary>An integer, optionally with bounds.</summary>
    public int Integer(string name, int? fallback = null, int min = int.MinValue, int max = int.MaxValue)
    {
        Observe(name, KeyType.Integer, fallback);
        int v;
        if (!TryRaw(name, out var raw))
        {
            if (fallback is null) throw Error(name, "missing (required)");
            v = fallback.Value;
        }
        else if (raw is not string s || !int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out v))
        {
            // An integer written as a number (1e6) is accepted; one out of range says so rather than "not an integer".
            if (raw is not string t || NumberFormat.TryParse(t) is not { } x || !double.IsFinite(x) || x != Math.Floor(x))
                throw Error(name, $"expected an integer, got '{Show(raw)}'");
            if (x < min || x > max) throw Error(name, $"must be in [{min}, {max}] (got {NumberFormat.R(x)})");
            v = (int)x;
        }
        if (v < min || v > max) throw Error(name, $"must be in [{min}, {max}] (got {v})");
        Resolved[name] = v;
        return v;
    }

    /// <summary>A boolean (true/false).</summary>
    public bool Bool(string name, bool fallback)
    {
        Observe(name, KeyType.Bool, fallback ? "true" : "false");
        bool v = fallback;
        if (TryRaw(name, out var raw))
        {
            if (raw is not string s || !bool.TryParse(s.Trim(), out v)) throw Error(name, $"expected true or false, got '{Show(raw)}'");
        }
        Resolved[name] = v;
        return v;
    }

    /// <summary>A list of numbers (optional: null when absent).</summary>
    public double[]? Numbers(string name)
    {
        Observe(name, KeyType.List);
        if (!TryRaw(name, out var raw)) return null;
        if (raw is not List<object?> list) throw Error(name, "expected a list of numbers, e.g. [1, 2.5]");
        var v = new double[list.Count];
        for (int i = 0; i < v.Length; i++)
        {
            if (list[i] is not string s || NumberFormat.TryParse(s) is not { } x || !double.IsFinite(x))
                throw Error(name, $"item {i}: expected a finite number, got '{Show(list[i])}'");
            v[i] = x;
        }
        Resolved[name] = v.ToList();
        return v;
    }

    /// <summary>A list of strings (optional: null when absent).</summary>
    public string[]? Strings(string name)
    {
        Observe(name, KeyType.Names);
        if (!TryRaw(name, out var raw)) return null;
        if (raw is not List<object?> list) throw Error(name, "expected a list, e.g. [a, b]");
        var v = new string[list.Count];
        for (int i = 0; i < v.Length; i++)
            v[i] = list[i] as string ?? throw Error(name, $"item {i}: expected a single value, got '{Show(list[i])}'");
        Resolved[name] = v.ToList();
        return v;
    }

    /// <summary>A list of lists of numbers (optional).</summary>
    public double[][]? NumberRows(string name)
    {
        Observe(name, KeyType.Rows);
        if (!TryRaw(name, out var raw)) return null;
        if (raw is not List<object?> list) throw Error(name, "expected a list of lists of numbers");
        var rows = new double[list.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            if (list[i] is not List<object?> row) throw Error(name, $"item {i}: expected a list of numbers");
            rows[i] = new double[row.Count];
            for (int c = 0; c < row.Count; c++)
            {
                if (row[c] is not string s || NumberFormat.TryParse(s) is not { } x || !double.IsFinite(x))
                    throw Error(name, $"item {i}[{c}]: expected a finite number, got '{Show(row[c])}'");
                rows[i][c] = x;
            }
        }
        Resolved[name] = rows.Select(r => r.ToList()).ToList();
        return rows;
    }

    /// <summary>A file path, resolved against the case file's folder; the file must exist.</summary>
    public string ExistingFile(string name)
    {
        Observe(name, KeyType.Path);
        var p = Text(name, null);
        string baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(File)) ?? ".";
        string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, p));
        if (!System.IO.File.Exists(full)) throw Error(name, $"file '{p}' not found (looked in {full})");
        Resolved[name] = full;
        return full;
    }

    /// <summary>A child mapping; absent children are empty mappings.</summary>
    public CaseNode Child(string name)
    {
        Observe(name, KeyType.Mapping);
        _read.Add(name);
        Dictionary<string, object?> map;
        if (!_map.TryGetValue(name, out var raw) || raw is null) map = new(StringComparer.Ordinal);
        else if (raw is Dictionary<string, object?> m) map = m;
        else throw Error(name, "expected a mapping (key: value pairs)");
        var child = new CaseNode(File, Key(name), map);
        Resolved[name] = child.Resolved;
        return child;
    }

    /// <summary>Fails on the first key that was never read (a typo or an unsupported option).</summary>
    public void RejectUnknown()
    {
        foreach (var k in _map.Keys)
            if (!_read.Contains(k))
                throw CaseOverrides.Origin(_map, k) is { } set
                    ? new InputException($"--set '{set}': unknown key '{Key(k)}' (not a key of {System.IO.Path.GetFileName(File)}'s schema)")
                    : new InputException($"{File}: unknown key '{Key(k)}'");
    }

    private static string Show(object? raw) => raw switch
    {
        null => "",
        string s => s,
        List<object?> => "[list]",
        _ => "{mapping}",
    };
}

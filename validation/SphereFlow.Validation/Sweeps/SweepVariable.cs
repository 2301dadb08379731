using System.Globalization;
using SphereFlow.IO;

namespace SphereFlow.Validation.Sweeps;

/// <summary>
/// One varied case key of a sweep with its values (<c>--vary key=v1,v2,…</c>; an item <c>a..b</c> is every integer from a
/// to b, <c>a..b:s</c> every s-th). Values are case-file text, applied like <c>--set key=value</c>.
/// </summary>
/// <param name="Key">Dotted case key, e.g. <c>solver.m</c>.</param>
/// <param name="Values">The values in order.</param>
public sealed record SweepVariable(string Key, IReadOnlyList<string> Values)
{
    /// <summary>Most values of one key.</summary>
    public const int MaxValues = 100_000;

    /// <summary>Parses <c>key=items</c>; bad text is an <see cref="InputException"/> naming the option.</summary>
    public static SweepVariable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1) throw new InputException($"--vary '{text}': expected key=v1,v2,… or key=a..b, e.g. solver.m=1..30");
        string key = text[..eq].Trim();
        if (key.Split('.').Any(s => s.Length == 0)) throw new InputException($"--vary '{text}': empty key segment");
        var values = new List<string>();
        foreach (var item in text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries))
        {
            if (item.Length == 0) throw new InputException($"--vary '{text}': empty value");
            if (item.Contains('"', StringComparison.Ordinal) || item.Contains('\n', StringComparison.Ordinal))
                throw new InputException($"--vary '{text}': a value may not contain quotes or line breaks");
            int dots = item.IndexOf("..", StringComparison.Ordinal);
            if (dots < 0) { values.Add(item); continue; }
            string[] range = item[(dots + 2)..].Split(':');
            if (!Int(item[..dots], out long a) || !Int(range[0], out long b) || range.Length > 2)
                throw new InputException($"--vary '{text}': '{item}' is not a range a..b or a..b:s of integers");
            long step = 1;
            if (range.Length == 2 && (!Int(range[1], out step) || step < 1)) throw new InputException($"--vary '{text}': '{item}': the step must be an integer ≥ 1");
            if (b < a) throw new InputException($"--vary '{text}': '{item}': the range is empty (b < a)");
            if ((b - a) / step + 1 + values.Count > MaxValues) throw new InputException($"--vary '{text}': more than {MaxValues} values");
            for (long v = a; v <= b; v += step) values.Add(v.ToString(CultureInfo.InvariantCulture));
        }
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count) throw new InputException($"--vary '{text}': values must be distinct");
        return new SweepVariable(key, values);
    }

    private static bool Int(string s, out long v) => long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out v);
}

using System.Globalization;
using SphereFlow.IO;

namespace SphereFlow.Cli;

/// <summary>Sizes on the command line: a number of bytes with an optional unit, k/M/G/T (powers of 1000) or Ki/Mi/Gi/Ti (powers of 1024), e.g. 64G, 1.5T, 512Mi.</summary>
public static class ByteSize
{
    /// <summary>Parses <paramref name="text"/> for the option <paramref name="option"/>; an <see cref="InputException"/> naming the option otherwise.</summary>
    public static double Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        string s = text.Trim();
        if (s.EndsWith('B') || s.EndsWith('b')) s = s[..^1];
        double factor = 1;
        foreach (var (suffix, f) in new[] { ("Ki", 1024.0), ("Mi", 1024.0 * 1024), ("Gi", 1024.0 * 1024 * 1024), ("Ti", 1024.0 * 1024 * 1024 * 1024),
                                            ("k", 1e3), ("K", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12) })
            if (s.EndsWith(suffix, StringComparison.Ordinal)) { s = s[..^suffix.Length]; factor = f; break; }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0) || !double.IsFinite(v * factor))
            throw new InputException($"{option} '{text}': expected a size such as 64G, 1.5T or 512Mi");
        return v * factor;
    }
}

using System.Globalization;

namespace SphereFlow.IO;

/// <summary>Culture-invariant, round-trip formatting of numbers for every output file.</summary>
public static class NumberFormat
{
    /// <summary>Shortest round-trip representation ("R").</summary>
    public static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Integer.</summary>
    public static string I(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a finite double in invariant culture; null when it is not one.</summary>
    public static double? TryParse(string? s)
    {
        if (s is null) return null;
        return double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}

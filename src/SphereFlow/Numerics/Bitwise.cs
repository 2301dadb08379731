using System.Runtime.InteropServices;

namespace SphereFlow.Numerics;

/// <summary>Bitwise comparison of arrays of doubles, for caches keyed on their inputs (data, atoms).</summary>
internal static class Bitwise
{
    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> have the same length and bits (the sign of zero and NaN payloads
    /// count): one vectorised memory compare. <c>SequenceEqual</c> over doubles compares element by element with IEEE
    /// equality, about 6× slower here (11 µs against 1.7 µs for 10⁴ values), which made it a third of an SGD step.
    /// </summary>
    public static bool Equal(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
        => MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));
}

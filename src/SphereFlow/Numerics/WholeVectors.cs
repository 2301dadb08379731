using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SphereFlow.Numerics;

/// <summary>
/// Spans of doubles viewed as spans of whole SIMD vectors. Indexing the view is bounds-checked, so a loop that runs one
/// vector too far throws instead of reading or writing past the data; the length check makes sure no element is silently
/// left out of the view. The check costs one compare per vector.
/// </summary>
internal static class WholeVectors
{
    /// <summary>x as <see cref="Vector{T}"/>s; throws unless its length is a multiple of <see cref="Vector{T}.Count"/>.</summary>
    public static ReadOnlySpan<Vector<double>> Of(ReadOnlySpan<double> x)
    {
        Check(x.Length, Vector<double>.Count);
        return MemoryMarshal.Cast<double, Vector<double>>(x);
    }

    /// <summary>x as writable <see cref="Vector{T}"/>s; throws unless its length is a multiple of <see cref="Vector{T}.Count"/>.</summary>
    public static Span<Vector<double>> Of(Span<double> x)
    {
        Check(x.Length, Vector<double>.Count);
        return MemoryMarshal.Cast<double, Vector<double>>(x);
    }

    /// <summary>x as 4-lane <see cref="Vector256{T}"/>s; throws unless its length is a multiple of 4.</summary>
    public static ReadOnlySpan<Vector256<double>> Quads(ReadOnlySpan<double> x)
    {
        Check(x.Length, 4);
        return MemoryMarshal.Cast<double, Vector256<double>>(x);
    }

    private static void Check(int length, int width)
    {
        if (length % width != 0) throw new ArgumentException($"length {length} is not a multiple of the vector width {width}");
    }
}

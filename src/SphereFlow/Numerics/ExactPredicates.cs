using System.Runtime.CompilerServices;

namespace SphereFlow.Numerics;

/// <summary>
/// Exact-sign predicates and error-free transformations for the planar (k = 2) kernels: the sign of
/// a0·b0 + a1·b1 for double inputs is decided exactly (a floating-point filter, then Shewchuk's expansion arithmetic
/// on the error-free products when the filter cannot decide), so half-plane membership never depends on round-off.
/// </summary>
public static class ExactPredicates
{
    // |fl(fl(p) + fl(q)) − (p + q)| ≤ (2u + u²)(|p| + |q|) with u = 2^-53; 3u leaves room for the computed |fl p| + |fl q|.
    private const double FilterBound = 3.0 * 1.1102230246251565e-16;
    // Below this the products may be subnormal (no relative error bound, inexact FMA error terms): rescale first.
    private const double Tiny = 1e-280;

    /// <summary>Sign (−1, 0, +1) of the exact value of a0·b0 + a1·b1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DotSign(double a0, double a1, double b0, double b1)
    {
        double p = a0 * b0, q = a1 * b1, s = p + q;
        double bound = FilterBound * (Math.Abs(p) + Math.Abs(q));
        if (s > bound) return 1;
        if (s < -bound) return -1;
        return DotSignExact(a0, a1, b0, b1);
    }

    /// <summary>The exact path of <see cref="DotSign"/> (ties and near-ties).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int DotSignExact(double a0, double a1, double b0, double b1)
    {
        // Scale each vector by a power of two (exact, sign-preserving) so that its largest entry is in [1, 2): the
        // products then neither overflow nor underflow and the FMA residuals are exact. (Entries more than 2^1000 below
        // their vector's largest one could flush to zero; no input of this program spans such a range.)
        Rescale(ref a0, ref a1);
        Rescale(ref b0, ref b1);
        double p = a0 * b0, ep = Math.FusedMultiplyAdd(a0, b0, -p);
        double q = a1 * b1, eq = Math.FusedMultiplyAdd(a1, b1, -q);
        // Exact sum p + ep + q + eq as a non-overlapping expansion (Shewchuk's grow-expansion); its sign is the sign of
        // its largest non-zero component.
        Span<double> e = stackalloc double[4];
        int len = 0;
        Grow(e, ref len, p);
        Grow(e, ref len, ep);
        Grow(e, ref len, q);
        Grow(e, ref len, eq);
        for (int i = len - 1; i >= 0; i--)
            if (e[i] != 0) return e[i] > 0 ? 1 : -1;
        return 0;
    }

    private static void Rescale(ref double x, ref double y)
    {
        double m = Math.Max(Math.Abs(x), Math.Abs(y));
        if (m == 0 || (m >= 1 && m < 2)) return;
        int shift = -Math.ILogB(m);
        x = Math.ScaleB(x, shift);
        y = Math.ScaleB(y, shift);
    }

    /// <summary>Adds <paramref name="b"/> to the expansion e[0..len) (increasing magnitude), dropping zero components.</summary>
    private static void Grow(Span<double> e, ref int len, double b)
    {
        double q = b;
        int outLen = 0;
        for (int i = 0; i < len; i++)
        {
            (q, double h) = TwoSum(q, e[i]);
            if (h != 0) e[outLen++] = h;
        }
        if (q != 0) e[outLen++] = q;
        len = outLen;
    }

    /// <summary>Knuth's TwoSum: s = fl(a + b) and the exact error t, a + b = s + t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (double Sum, double Error) TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return (s, (a - (s - bb)) + (b - bb));
    }

    /// <summary>
    /// Which half of the circle v lies in, as a half-open arc of angles: 0 for [0, π) (v1 &gt; 0, or v1 = 0 and v0 &gt; 0),
    /// 1 for [π, 2π). The zero vector is in half 1 (callers exclude it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Half(double v0, double v1) => v1 > 0 || (v1 == 0 && v0 > 0) ? 0 : 1;

    /// <summary>
    /// Exact angular order on [0, 2π): true when angle(v) &gt; angle(q) (angles measured counter-clockwise from the first
    /// axis). Both vectors non-zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AngleGreater(double v0, double v1, double q0, double q1)
    {
        int hv = Half(v0, v1), hq = Half(q0, q1);
        if (hv != hq) return hv > hq;
        // Same half: angles differ by less than π, so v is past q exactly when cross(q, v) = q0 v1 − q1 v0 > 0.
        return DotSign(q0, -q1, v1, v0) > 0;
    }

    /// <summary>
    /// A cheap monotone stand-in for the angle of v in [0, 2π), scaled to [0, 4) (the "diamond angle"); equal to within
    /// round-off for nearly equal angles, so exact decisions use <see cref="AngleGreater"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PseudoAngle(double v0, double v1)
    {
        if (v1 >= 0) return v0 >= 0 ? v1 / (v0 + v1) : 1 - v0 / (v1 - v0);
        return v0 < 0 ? 2 - v1 / (-v0 - v1) : 3 + v0 / (v0 - v1);
    }
}

using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// Fused SIMD kernels of the ReLU neuron Ψ(x) = a·max(0, b·x + c), one pass over the data block with
/// <see cref="Vector{T}"/> lanes over data points (inputs are coordinate-major, so lanes are contiguous).
/// </summary>
internal static class AffineReluKernel
{
    /// <summary>h_i += w·a·max(0, b·x_i + c) over the block.</summary>
    public static void Accumulate(double a, ReadOnlySpan<double> b, double c, double w, in DataView x, Span<double> h)
    {
        int n = x.Length, k = b.Length, vl = Vector<double>.Count, i = 0;
        double aw = a * w;
        if (aw == 0) return;
        ref double hr = ref MemoryMarshal.GetReference(h);
        var zero = Vector<double>.Zero;
        var cv = new Vector<double>(c);
        var awv = new Vector<double>(aw);
        for (; i <= n - vl; i += vl)
        {
            var s = cv;
            for (int q = 0; q < k; q++)
                s += new Vector<double>(b[q]) * LoadAt(x.Column(q), i);
            ref double hi = ref Unsafe.Add(ref hr, i);
            var hv = Vector.LoadUnsafe(ref hi);
            (hv + awv * Vector.Max(s, zero)).StoreUnsafe(ref hi);
        }
        for (; i < n; i++)
        {
            double s = c;
            for (int q = 0; q < k; q++) s += b[q] * x.Column(q)[i];
            if (s > 0) h[i] += aw * s;
        }
    }

    /// <summary>
    /// Returns Σ_i g_i a max(0, s_i) with s_i = b·x_i + c; when <paramref name="grad"/> is non-empty writes
    /// ∂/∂a = Σ g_i max(0, s_i), ∂/∂b_q = a Σ g_i 1[s_i &gt; 0] x_iq and, with <paramref name="hasBias"/>, ∂/∂c = a Σ g_i 1[s_i &gt; 0].
    /// </summary>
    public static double Contract(double a, ReadOnlySpan<double> b, double c, in DataView x, ReadOnlySpan<double> g, Span<double> grad, bool hasBias)
    {
        int n = x.Length, k = b.Length, vl = Vector<double>.Count, i = 0;
        bool wantGrad = !grad.IsEmpty;
        Span<Vector<double>> acc = stackalloc Vector<double>[k + 2]; // [0] value, [1] bias, [2..] b-gradient
        acc.Clear();
        var zero = Vector<double>.Zero;
        var cv = new Vector<double>(c);
        for (; i <= n - vl; i += vl)
        {
            var s = cv;
            for (int q = 0; q < k; q++)
                s += new Vector<double>(b[q]) * LoadAt(x.Column(q), i);
            var gv = LoadAt(g, i);
            acc[0] += gv * Vector.Max(s, zero);
            if (!wantGrad) continue;
            var t = Vector.ConditionalSelect(Vector.GreaterThan(s, zero), gv, zero);
            acc[1] += t;
            for (int q = 0; q < k; q++) acc[2 + q] += t * LoadAt(x.Column(q), i);
        }
        double sum = Vector.Sum(acc[0]), bias = Vector.Sum(acc[1]);
        Span<double> gb = stackalloc double[k];
        for (int q = 0; q < k; q++) gb[q] = Vector.Sum(acc[2 + q]);
        for (; i < n; i++)
        {
            double s = c;
            for (int q = 0; q < k; q++) s += b[q] * x.Column(q)[i];
            if (s <= 0) continue;
            sum += g[i] * s;
            bias += g[i];
            for (int q = 0; q < k; q++) gb[q] += g[i] * x.Column(q)[i];
        }
        if (wantGrad)
        {
            grad[0] = sum;
            for (int q = 0; q < k; q++) grad[1 + q] = a * gb[q];
            if (hasBias) grad[1 + k] = a * bias;
        }
        return a * sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> LoadAt(ReadOnlySpan<double> s, int i) =>
        Vector.LoadUnsafe(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), i));
}

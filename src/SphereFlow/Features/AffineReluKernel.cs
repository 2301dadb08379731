using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// Fused SIMD kernels of the ReLU neuron Ψ(x) = a·max(0, b·x + c): one pass over the data block with
/// <see cref="Vector{T}"/> lanes over data points (inputs are coordinate-major, so lanes are contiguous), no
/// bounds checks in the inner loops.
/// </summary>
internal static class AffineReluKernel
{
    /// <summary>h_i += w·a·max(0, b·x_i + c) over the block.</summary>
    public static void Accumulate(double a, ReadOnlySpan<double> b, double c, double w, in DataView x, Span<double> h)
    {
        int n = x.Length, k = b.Length, vl = Vector<double>.Count, i = 0;
        double aw = a * w;
        if (aw == 0 || n == 0) return;
        if (k == 2) { Accumulate2(aw, b[0], b[1], c, x, h); return; }
        nuint stride = (nuint)x.Stride;
        ref double xr = ref Unsafe.AsRef(in x.Origin);
        ref double br = ref MemoryMarshal.GetReference(b);
        ref double hr = ref MemoryMarshal.GetReference(h);
        var zero = Vector<double>.Zero;
        var cv = new Vector<double>(c);
        var awv = new Vector<double>(aw);
        for (; i <= n - vl; i += vl)
        {
            var s = cv;
            ref double xi = ref Unsafe.Add(ref xr, i);
            for (int q = 0; q < k; q++)
                s += new Vector<double>(Unsafe.Add(ref br, q)) * Vector.LoadUnsafe(ref xi, (nuint)q * stride);
            ref double hi = ref Unsafe.Add(ref hr, i);
            (Vector.LoadUnsafe(ref hi) + awv * Vector.Max(s, zero)).StoreUnsafe(ref hi);
        }
        for (; i < n; i++)
        {
            double s = c;
            ref double xi = ref Unsafe.Add(ref xr, i);
            for (int q = 0; q < k; q++) s += Unsafe.Add(ref br, q) * Unsafe.Add(ref xi, (nint)((nuint)q * stride));
            if (s > 0) Unsafe.Add(ref hr, i) += aw * s;
        }
    }

    /// <summary>
    /// Returns Σ_i g_i a max(0, s_i) with s_i = b·x_i + c; when <paramref name="grad"/> is non-empty writes
    /// ∂/∂a = Σ g_i max(0, s_i), ∂/∂b_q = a Σ g_i 1[s_i &gt; 0] x_iq and, with <paramref name="hasBias"/>, ∂/∂c = a Σ g_i 1[s_i &gt; 0].
    /// </summary>
    public static double Contract(double a, ReadOnlySpan<double> b, double c, in DataView x, ReadOnlySpan<double> g, Span<double> grad, bool hasBias)
    {
        if (b.Length == 2 && !grad.IsEmpty) return Contract2(a, b[0], b[1], c, x, g, grad, hasBias);
        int n = x.Length, k = b.Length, vl = Vector<double>.Count, i = 0;
        bool wantGrad = !grad.IsEmpty;
        nuint stride = (nuint)x.Stride;
        ref double xr = ref Unsafe.AsRef(in x.Origin);
        ref double br = ref MemoryMarshal.GetReference(b);
        ref double gr = ref MemoryMarshal.GetReference(g);
        Span<Vector<double>> accSpan = stackalloc Vector<double>[k];
        accSpan.Clear();
        ref Vector<double> acc = ref MemoryMarshal.GetReference(accSpan);
        var zero = Vector<double>.Zero;
        var cv = new Vector<double>(c);
        Vector<double> value = zero, bias = zero;
        for (; i <= n - vl; i += vl)
        {
            var s = cv;
            ref double xi = ref Unsafe.Add(ref xr, i);
            for (int q = 0; q < k; q++)
                s += new Vector<double>(Unsafe.Add(ref br, q)) * Vector.LoadUnsafe(ref xi, (nuint)q * stride);
            var gv = Vector.LoadUnsafe(ref gr, (nuint)i);
            value += gv * Vector.Max(s, zero);
            if (!wantGrad) continue;
            var t = Vector.ConditionalSelect(Vector.GreaterThan(s, zero), gv, zero);
            bias += t;
            for (int q = 0; q < k; q++)
                Unsafe.Add(ref acc, q) += t * Vector.LoadUnsafe(ref xi, (nuint)q * stride);
        }
        double sum = Vector.Sum(value), biasSum = Vector.Sum(bias);
        Span<double> gb = stackalloc double[k];
        for (int q = 0; q < k; q++) gb[q] = Vector.Sum(Unsafe.Add(ref acc, q));
        for (; i < n; i++)
        {
            double s = c;
            ref double xi = ref Unsafe.Add(ref xr, i);
            for (int q = 0; q < k; q++) s += Unsafe.Add(ref br, q) * Unsafe.Add(ref xi, (nint)((nuint)q * stride));
            if (s <= 0) continue;
            double gi = Unsafe.Add(ref gr, i);
            sum += gi * s;
            biasSum += gi;
            for (int q = 0; q < k; q++) gb[q] += gi * Unsafe.Add(ref xi, (nint)((nuint)q * stride));
        }
        if (wantGrad)
        {
            grad[0] = sum;
            for (int q = 0; q < k; q++) grad[1 + q] = a * gb[q];
            if (hasBias) grad[1 + k] = a * biasSum;
        }
        return a * sum;
    }

    /// <summary><see cref="Contract"/> for k = 2 with value and gradient, all accumulators in registers.</summary>
    private static double Contract2(double a, double b0, double b1, double c, in DataView x, ReadOnlySpan<double> g, Span<double> grad, bool hasBias)
    {
        int n = x.Length, vl = Vector<double>.Count, i = 0;
        ref double x0 = ref Unsafe.AsRef(in x.Origin);
        ref double x1 = ref Unsafe.Add(ref x0, x.Stride);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var zero = Vector<double>.Zero;
        Vector<double> cv = new(c), b0v = new(b0), b1v = new(b1);
        Vector<double> value = zero, bias = zero, g0 = zero, g1 = zero;
        for (; i <= n - vl; i += vl)
        {
            var xv0 = Vector.LoadUnsafe(ref x0, (nuint)i);
            var xv1 = Vector.LoadUnsafe(ref x1, (nuint)i);
            var s = cv + b0v * xv0 + b1v * xv1;
            var gv = Vector.LoadUnsafe(ref gr, (nuint)i);
            value += gv * Vector.Max(s, zero);
            var t = Vector.ConditionalSelect(Vector.GreaterThan(s, zero), gv, zero);
            bias += t;
            g0 += t * xv0;
            g1 += t * xv1;
        }
        double sum = Vector.Sum(value), biasSum = Vector.Sum(bias), s0 = Vector.Sum(g0), s1 = Vector.Sum(g1);
        for (; i < n; i++)
        {
            double xi0 = Unsafe.Add(ref x0, i), xi1 = Unsafe.Add(ref x1, i);
            double s = c + b0 * xi0 + b1 * xi1;
            if (s <= 0) continue;
            double gi = Unsafe.Add(ref gr, i);
            sum += gi * s; biasSum += gi; s0 += gi * xi0; s1 += gi * xi1;
        }
        grad[0] = sum;
        grad[1] = a * s0;
        grad[2] = a * s1;
        if (hasBias) grad[3] = a * biasSum;
        return a * sum;
    }

    /// <summary><see cref="Accumulate"/> for k = 2 (weight already folded into <paramref name="aw"/>).</summary>
    private static void Accumulate2(double aw, double b0, double b1, double c, in DataView x, Span<double> h)
    {
        int n = x.Length, vl = Vector<double>.Count, i = 0;
        ref double x0 = ref Unsafe.AsRef(in x.Origin);
        ref double x1 = ref Unsafe.Add(ref x0, x.Stride);
        ref double hr = ref MemoryMarshal.GetReference(h);
        var zero = Vector<double>.Zero;
        Vector<double> cv = new(c), b0v = new(b0), b1v = new(b1), awv = new(aw);
        for (; i <= n - vl; i += vl)
        {
            var s = cv + b0v * Vector.LoadUnsafe(ref x0, (nuint)i) + b1v * Vector.LoadUnsafe(ref x1, (nuint)i);
            ref double hi = ref Unsafe.Add(ref hr, i);
            (Vector.LoadUnsafe(ref hi) + awv * Vector.Max(s, zero)).StoreUnsafe(ref hi);
        }
        for (; i < n; i++)
        {
            double s = c + b0 * Unsafe.Add(ref x0, i) + b1 * Unsafe.Add(ref x1, i);
            if (s > 0) Unsafe.Add(ref hr, i) += aw * s;
        }
    }
}

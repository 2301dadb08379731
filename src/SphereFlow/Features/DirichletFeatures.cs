using System.Runtime.CompilerServices;
using SphereFlow.Data;
using SphereFlow.Numerics;

namespace SphereFlow.Features;

/// <summary>
/// Periodic Dirichlet kernel on S^1 (deconvolution on the circle): η = (cos θ, sin θ), x an angle,
/// Ψ(η)(x) = Σ_{|k|≤K} cos(k(θ − x)) = 1 + 2 Σ_{k=1}^{K} cos(k(θ − x)). The extension off the circle depends on
/// η/|η| only, so its Euclidean gradient is tangent. cos x_i and sin x_i are computed once per data array and cached
/// (keyed by the array, and checked against the angles of every block, so a changed array is recomputed): each
/// particle–data pair then costs a dot product and the Chebyshev-type recurrence, no trigonometric call.
/// </summary>
public sealed class DirichletFeatures : IFeatureMap
{
    /// <summary>Creates the kernel with frequency cut-off K ≥ 0.</summary>
    public DirichletFeatures(int cutoff)
    {
        if (cutoff < 0) throw new ArgumentException("dirichlet cutoff K must be ≥ 0");
        Cutoff = cutoff;
    }

    /// <summary>Frequency cut-off K.</summary>
    public int Cutoff { get; }
    /// <inheritdoc/>
    public string Name => "dirichlet";
    /// <inheritdoc/>
    public int AmbientDim => 2;
    /// <inheritdoc/>
    public int InputDim => 1;
    /// <inheritdoc/>
    public int ScratchPerPoint => 0;

    /// <summary>Value and θ-derivative of the kernel at angle difference φ = θ − x.</summary>
    private (double Value, double Derivative) Kernel(double cosPhi, double sinPhi)
    {
        double ck = 1, sk = 0, v = 1, dv = 0;
        for (int k = 1; k <= Cutoff; k++)
        {
            double cn = ck * cosPhi - sk * sinPhi;
            sk = sk * cosPhi + ck * sinPhi;
            ck = cn;
            v += 2 * ck;
            dv -= 2 * k * sk;
        }
        return (v, dv);
    }

    private sealed record AngleTable(double[] Angles, double[] Cos, double[] Sin);

    private static readonly ConditionalWeakTable<double[], AngleTable> Tables = new();

    /// <summary>The cos/sin table of the block's data array (rebuilt if the block's angles changed); index it from x.Offset.</summary>
    private static AngleTable Trig(in DataView x)
    {
        var source = x.Source;
        var xs = x.Column(0);
        if (!Tables.TryGetValue(source, out var table) || !Bitwise.Equal(table.Angles.AsSpan(x.Offset, x.Length), xs))
        {
            var angles = (double[])source.Clone();
            var cos = new double[angles.Length];
            var sin = new double[angles.Length];
            for (int i = 0; i < angles.Length; i++) { cos[i] = Math.Cos(angles[i]); sin[i] = Math.Sin(angles[i]); }
            table = new AngleTable(angles, cos, sin);
            Tables.AddOrUpdate(source, table);
        }
        return table;
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> eta, in DataView x, Span<double> values)
    {
        double r = Math.Sqrt(eta[0] * eta[0] + eta[1] * eta[1]);
        double ct = eta[0] / r, st = eta[1] / r;
        var table = Trig(x);
        var cxs = table.Cos.AsSpan(x.Offset, x.Length);
        var sxs = table.Sin.AsSpan(x.Offset, x.Length);
        for (int i = 0; i < cxs.Length; i++)
        {
            double cx = cxs[i], sx = sxs[i];
            values[i] = Kernel(ct * cx + st * sx, st * cx - ct * sx).Value;
        }
    }

    /// <inheritdoc/>
    public double Contract(ReadOnlySpan<double> eta, in DataView x, ReadOnlySpan<double> g, Span<double> grad, Span<double> scratch)
    {
        double r = Math.Sqrt(eta[0] * eta[0] + eta[1] * eta[1]);
        double ct = eta[0] / r, st = eta[1] / r;
        var table = Trig(x);
        var cxs = table.Cos.AsSpan(x.Offset, x.Length);
        var sxs = table.Sin.AsSpan(x.Offset, x.Length);
        double sum = 0, dsum = 0;
        for (int i = 0; i < cxs.Length; i++)
        {
            double cx = cxs[i], sx = sxs[i];
            var (v, dv) = Kernel(ct * cx + st * sx, st * cx - ct * sx);
            sum += g[i] * v;
            dsum += g[i] * dv;
        }
        if (!grad.IsEmpty)
        {
            // dθ/dη = (−sin θ, cos θ)/r.
            grad[0] = -st * dsum / r;
            grad[1] = ct * dsum / r;
        }
        return sum;
    }

    /// <inheritdoc/>
    public void Accumulate(ReadOnlySpan<double> eta, double weight, in DataView x, Span<double> h, Span<double> scratch)
    {
        var t = scratch[..x.Length];
        Evaluate(eta, x, t);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(t, weight, h[..x.Length], h[..x.Length]);
    }
}

using System.Numerics.Tensors;
using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// Smooth von Mises–Fisher kernel on S^d: x ∈ S^d, Ψ(η)(x) = exp(κ(η·x − 1)); used for Theorem 3 and sparse
/// deconvolution on S^d. Inputs are unit vectors of R^{d+1}.
/// </summary>
public sealed class VonMisesFeatures : IFeatureMap
{
    /// <summary>Creates the kernel on S^d with concentration κ &gt; 0.</summary>
    public VonMisesFeatures(int sphereDim, double kappa)
    {
        if (sphereDim < 1) throw new ArgumentException("vonmises features need sphere dimension d ≥ 1");
        if (!(kappa > 0) || !double.IsFinite(kappa)) throw new ArgumentException("vonmises concentration kappa must be finite and > 0");
        InputDim = sphereDim + 1;
        Kappa = kappa;
    }

    /// <summary>Concentration κ.</summary>
    public double Kappa { get; }
    /// <inheritdoc/>
    public string Name => "vonmises";
    /// <inheritdoc/>
    public int AmbientDim => InputDim;
    /// <inheritdoc/>
    public int InputDim { get; }
    /// <inheritdoc/>
    public int ScratchPerPoint => 2;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> eta, in DataView x, Span<double> values)
    {
        var v = values[..x.Length];
        ReluFeatures.Affine(eta, -1.0, x, v);
        TensorPrimitives.Multiply(v, Kappa, v);
        TensorPrimitives.Exp(v, v);
    }

    /// <inheritdoc/>
    public double Contract(ReadOnlySpan<double> eta, in DataView x, ReadOnlySpan<double> g, Span<double> grad, Span<double> scratch)
    {
        int n = x.Length;
        var s = scratch[..n];
        Evaluate(eta, x, s);
        if (!grad.IsEmpty)
        {
            var t = scratch.Slice(n, n);
            TensorPrimitives.Multiply(s, g[..n], t);
            for (int c = 0; c < InputDim; c++) grad[c] = Kappa * TensorPrimitives.Dot(t, x.Column(c));
        }
        return TensorPrimitives.Dot(g[..n], s);
    }

    /// <inheritdoc/>
    public void Accumulate(ReadOnlySpan<double> eta, double weight, in DataView x, Span<double> h, Span<double> scratch)
    {
        var t = scratch[..x.Length];
        Evaluate(eta, x, t);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(t, weight, h[..x.Length], h[..x.Length]);
    }
}

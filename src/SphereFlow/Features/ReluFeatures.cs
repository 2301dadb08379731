using System.Numerics.Tensors;
using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// 2-homogeneous ReLU neuron without bias: η = (a, b) ∈ R × R^k, Ψ(η)(x) = a · max(0, b·x); d = k.
/// </summary>
public sealed class ReluFeatures : IFeatureMap
{
    /// <summary>Creates the map for inputs in R^k.</summary>
    public ReluFeatures(int inputDim)
    {
        if (inputDim < 1) throw new ArgumentException("relu features need input dimension k ≥ 1");
        InputDim = inputDim;
    }

    /// <inheritdoc/>
    public string Name => "relu";
    /// <inheritdoc/>
    public int AmbientDim => InputDim + 1;
    /// <inheritdoc/>
    public int InputDim { get; }
    /// <inheritdoc/>
    public int ScratchPerPoint => 2;

    /// <summary>Writes s_i = b·x_i (+ offset) into <paramref name="s"/>.</summary>
    internal static void Affine(ReadOnlySpan<double> b, double offset, in DataView x, Span<double> s)
    {
        s.Fill(offset);
        for (int c = 0; c < b.Length; c++) TensorPrimitives.MultiplyAdd(x.Column(c), b[c], s, s);
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> eta, in DataView x, Span<double> values)
    {
        var v = values[..x.Length];
        Affine(eta.Slice(1, InputDim), 0.0, x, v);
        TensorPrimitives.Max(v, 0.0, v);
        TensorPrimitives.Multiply(v, eta[0], v);
    }

    /// <inheritdoc/>
    public double Contract(ReadOnlySpan<double> eta, in DataView x, ReadOnlySpan<double> g, Span<double> grad, Span<double> scratch)
        => ContractAffine(eta[0], eta.Slice(1, InputDim), 0.0, x, g, grad, scratch, hasBias: false);

    /// <summary>Shared kernel of relu and relu-bias: Ψ = a·max(0, b·x + c).</summary>
    internal static double ContractAffine(double a, ReadOnlySpan<double> b, double c, in DataView x, ReadOnlySpan<double> g,
                                          Span<double> grad, Span<double> scratch, bool hasBias)
    {
        int n = x.Length;
        var s = scratch[..n];
        var t = scratch.Slice(n, n);
        var gg = g[..n];
        Affine(b, c, x, s);
        TensorPrimitives.Max(s, 0.0, s);                 // s = max(0, b·x + c)
        double sum = TensorPrimitives.Dot(gg, s);        // Σ g_i max(0, ·)
        if (grad.IsEmpty) return a * sum;
        // t_i = g_i · 1[b·x_i + c > 0]
        for (int i = 0; i < n; i++) t[i] = s[i] > 0 ? gg[i] : 0.0;
        grad[0] = sum;
        for (int k = 0; k < b.Length; k++) grad[1 + k] = a * TensorPrimitives.Dot(t, x.Column(k));
        if (hasBias) grad[1 + b.Length] = a * TensorPrimitives.Sum(t);
        return a * sum;
    }
}

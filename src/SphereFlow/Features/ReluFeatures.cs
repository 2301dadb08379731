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
    public int ScratchPerPoint => 0;

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
        => AffineReluKernel.Contract(eta[0], eta.Slice(1, InputDim), 0.0, x, g, grad, hasBias: false);

    /// <inheritdoc/>
    public void Accumulate(ReadOnlySpan<double> eta, double weight, in DataView x, Span<double> h, Span<double> scratch)
        => AffineReluKernel.Accumulate(eta[0], eta.Slice(1, InputDim), 0.0, weight, x, h);
}

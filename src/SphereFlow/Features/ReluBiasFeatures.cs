using System.Numerics.Tensors;
using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// ReLU neuron with bias: η = (a, b, c) ∈ R × R^k × R, Ψ(η)(x) = a · max(0, b·x + c); d = k + 1.
/// </summary>
public sealed class ReluBiasFeatures : IFeatureMap
{
    /// <summary>Creates the map for inputs in R^k.</summary>
    public ReluBiasFeatures(int inputDim)
    {
        if (inputDim < 1) throw new ArgumentException("relu-bias features need input dimension k ≥ 1");
        InputDim = inputDim;
    }

    /// <inheritdoc/>
    public string Name => "relu-bias";
    /// <inheritdoc/>
    public int AmbientDim => InputDim + 2;
    /// <inheritdoc/>
    public int InputDim { get; }
    /// <inheritdoc/>
    public int ScratchPerPoint => 0;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> eta, in DataView x, Span<double> values)
    {
        var v = values[..x.Length];
        ReluFeatures.Affine(eta.Slice(1, InputDim), eta[InputDim + 1], x, v);
        TensorPrimitives.Max(v, 0.0, v);
        TensorPrimitives.Multiply(v, eta[0], v);
    }

    /// <inheritdoc/>
    public double Contract(ReadOnlySpan<double> eta, in DataView x, ReadOnlySpan<double> g, Span<double> grad, Span<double> scratch)
        => AffineReluKernel.Contract(eta[0], eta.Slice(1, InputDim), eta[InputDim + 1], x, g, grad, hasBias: true);

    /// <inheritdoc/>
    public void Accumulate(ReadOnlySpan<double> eta, double weight, in DataView x, Span<double> h, Span<double> scratch)
        => AffineReluKernel.Accumulate(eta[0], eta.Slice(1, InputDim), eta[InputDim + 1], weight, x, h);
}

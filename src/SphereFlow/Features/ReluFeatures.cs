using System.Numerics.Tensors;
using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// 2-homogeneous ReLU neuron without bias: η = (a, b) ∈ R × R^k, Ψ(η)(x) = a · max(0, b·x); d = k.
/// </summary>
/// <remarks>
/// With <see cref="FeatureKernel.Auto"/> whole-measure sums use the exact angular kernel in k = 2
/// (<see cref="AngularReluKernel"/>) and cache-blocked matrix products for k ≥ <see cref="BlockedMinInputDim"/>
/// (<see cref="BlockedReluKernel"/>); <see cref="FeatureKernel.Pairwise"/> keeps the per-η kernels below.
/// </remarks>
public sealed class ReluFeatures : IFeatureMap, IMeasureKernelSource
{
    /// <summary>Smallest input dimension for which the blocked matrix-product kernel is used.</summary>
    public const int BlockedMinInputDim = 8;

    /// <summary>Creates the map for inputs in R^k.</summary>
    public ReluFeatures(int inputDim, FeatureKernel kernel = FeatureKernel.Auto)
    {
        if (inputDim < 1) throw new ArgumentException("relu features need input dimension k ≥ 1");
        InputDim = inputDim;
        Kernel = kernel;
    }

    /// <summary>The kernel policy.</summary>
    public FeatureKernel Kernel { get; }

    /// <inheritdoc/>
    public IMeasureKernel? CreateKernel(WeightedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Kernel == FeatureKernel.Pairwise || data.InputDim != InputDim) return null;
        if (InputDim == 2) return new AngularReluKernel(data);
        return InputDim >= BlockedMinInputDim ? new BlockedReluKernel(data) : null;
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

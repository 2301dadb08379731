using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// A feature map Ψ : S^d → functions of x. Kernels are evaluated for one η over a block of data points and
/// are vectorised over the points. Gradients are Euclidean gradients of an extension of Ψ to a neighbourhood
/// of the sphere; callers project them onto the tangent space.
/// </summary>
public interface IFeatureMap
{
    /// <summary>Registry name (as in case files).</summary>
    string Name { get; }

    /// <summary>Ambient dimension d + 1 of the points η ∈ S^d.</summary>
    int AmbientDim { get; }

    /// <summary>Dimension k of the inputs x.</summary>
    int InputDim { get; }

    /// <summary>Number of scratch values per data point that <see cref="Contract"/> needs (<see cref="Accumulate"/> needs at most one).</summary>
    int ScratchPerPoint { get; }

    /// <summary>values[i] = Ψ(η)(x_i) for the points of the block.</summary>
    void Evaluate(ReadOnlySpan<double> eta, in DataView x, Span<double> values);

    /// <summary>
    /// Returns Σ_i g_i Ψ(η)(x_i) over the block; when <paramref name="grad"/> is non-empty also writes
    /// grad = Σ_i g_i ∇_η Ψ(η)(x_i). <paramref name="scratch"/> holds at least ScratchPerPoint · block length values.
    /// </summary>
    double Contract(ReadOnlySpan<double> eta, in DataView x, ReadOnlySpan<double> g, Span<double> grad, Span<double> scratch);

    /// <summary>h_i += weight · Ψ(η)(x_i) over the block; <paramref name="scratch"/> holds at least the block length.</summary>
    void Accumulate(ReadOnlySpan<double> eta, double weight, in DataView x, Span<double> h, Span<double> scratch);
}

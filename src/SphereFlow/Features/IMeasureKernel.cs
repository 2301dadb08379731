using SphereFlow.Data;

namespace SphereFlow.Features;

/// <summary>
/// The two sums of a feature map over a whole measure and one data set at once, for maps that have a faster algorithm
/// than one η at a time (the exact angular kernel of <c>relu</c> in k = 2, blocked matrix products for large k):
/// the prediction h_i = Σ_j M_j Ψ(η_j)(x_i) and the contraction Σ_i g_i Ψ(η_p)(x_i) with its Euclidean η-gradient.
/// Both agree with the per-η kernels of <see cref="IFeatureMap"/> to round-off, are deterministic (independent of the
/// thread count) and may be called concurrently.
/// </summary>
public interface IMeasureKernel
{
    /// <summary>Name of the algorithm in use (for reports), e.g. "angular prefix sums (k = 2)".</summary>
    string Path { get; }

    /// <summary>h_i = Σ_j mass_j Ψ(η_j)(x_i) for every data point; points row-major (atoms × AmbientDim).</summary>
    void Predict(ReadOnlySpan<double> mass, ReadOnlySpan<double> points, Span<double> h);

    /// <summary>
    /// values_p = Σ_i g_i Ψ(η_p)(x_i) for every point (row-major); when <paramref name="gradients"/> is non-empty also the
    /// Euclidean gradients Σ_i g_i ∇_η Ψ(η_p)(x_i) (row-major, same shape as the points).
    /// </summary>
    void Contract(ReadOnlySpan<double> points, ReadOnlySpan<double> g, Span<double> values, Span<double> gradients);
}

/// <summary>A feature map that offers an <see cref="IMeasureKernel"/> for some data sets.</summary>
public interface IMeasureKernelSource
{
    /// <summary>The fast kernel bound to <paramref name="data"/>, or null when the per-η kernels are the right path.</summary>
    IMeasureKernel? CreateKernel(WeightedData data);
}

using SphereFlow.Registries;

namespace SphereFlow.Features;

/// <summary>Parameters a feature map may take from a case file.</summary>
/// <param name="InputDim">Dimension k of the data inputs x (vonmises: x ∈ S^{k−1}; dirichlet: k = 1, x an angle).</param>
/// <param name="Kappa">Concentration of the von Mises kernel.</param>
/// <param name="Cutoff">Frequency cut-off of the Dirichlet kernel.</param>
/// <param name="Kernel">Which algorithm sums over atoms and data (case key <c>problem.kernel</c>).</param>
public sealed record FeatureOptions(int InputDim, double Kappa = 10.0, int Cutoff = 4, FeatureKernel Kernel = FeatureKernel.Auto);

/// <summary>How the sums over atoms and data are computed.</summary>
public enum FeatureKernel
{
    /// <summary>The fastest exact algorithm the map offers (<see cref="IMeasureKernelSource"/>), else the per-η kernels.</summary>
    Auto,
    /// <summary>Always the per-η kernels: O(m n) particle–data pairs, the reference path.</summary>
    Pairwise,
}

/// <summary>
/// Registry of the built-in feature maps by case-file name. A new map is one class plus one line here; tests
/// iterate over <see cref="All"/>.
/// </summary>
public static class FeatureMaps
{
    /// <summary>The registered maps.</summary>
    public static Registry<Registration<Func<FeatureOptions, IFeatureMap>>> All { get; } = new("feature map",
    [
        new("relu", "ReLU neurons η = (a, b): Ψ(η)(x) = a·max(0, b·x), x ∈ R^k", o => new ReluFeatures(o.InputDim, o.Kernel)),
        new("relu-bias", "ReLU neurons with a bias, η = (a, b, c): Ψ(η)(x) = a·max(0, b·x + c)", o => new ReluBiasFeatures(o.InputDim)),
        new("vonmises", "von Mises–Fisher kernel Ψ(η)(x) = exp(κ(η·x − 1)), x ∈ S^{k−1}", o => new VonMisesFeatures(o.InputDim - 1, o.Kappa)),
        new("dirichlet", "periodic Dirichlet kernel of cut-off K on S^1, x an angle", o => o.InputDim == 1 ? new DirichletFeatures(o.Cutoff)
            : throw new ArgumentException($"dirichlet features take scalar (angle) inputs, but the data has k = {o.InputDim}")),
    ]);

    /// <summary>All registered names.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>Creates a map by name; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static IFeatureMap Create(string name, FeatureOptions options) => All.Get(name).Create(options);
}

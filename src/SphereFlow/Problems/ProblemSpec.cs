using SphereFlow.Features;
using SphereFlow.Losses;

namespace SphereFlow.Problems;

/// <summary>
/// What a <see cref="Problem"/> is made of, as plain immutable data (the <c>problem:</c> section of a case file):
/// feature map, loss, weight decay λ, feature parameters and the data. <see cref="Build"/> assembles the problem;
/// errors are <see cref="IO.SpecException"/>s naming the field relative to <c>problem</c> (e.g. <c>data.neurons</c>,
/// or <c>data</c> for the data as a whole). Derive variants with <c>with { … }</c>.
/// </summary>
public sealed record ProblemSpec
{
    /// <summary>Feature map (a name of <see cref="FeatureMaps"/>).</summary>
    public required string Features { get; init; }
    /// <summary>Loss (a name of <see cref="LossRegistry"/>); default square.</summary>
    public string Loss { get; init; } = "square";
    /// <summary>Weight decay λ ≥ 0.</summary>
    public double Lambda { get; init; }
    /// <summary>Concentration of the von Mises features.</summary>
    public double Kappa { get; init; } = 10.0;
    /// <summary>Frequency cut-off of the Dirichlet features.</summary>
    public int Cutoff { get; init; } = 4;
    /// <summary>
    /// Which algorithm sums over atoms and data: <see cref="FeatureKernel.Auto"/> (the map's fastest exact kernel, e.g. the
    /// angular k = 2 ReLU kernel) or <see cref="FeatureKernel.Pairwise"/> (the O(m n) reference path).
    /// </summary>
    public FeatureKernel Kernel { get; init; } = FeatureKernel.Auto;
    /// <summary>The data.</summary>
    public required DataSpec Data { get; init; }

    /// <summary>The feature map for inputs in R^<paramref name="inputDim"/>.</summary>
    public IFeatureMap CreateFeatures(int inputDim) => FeatureMaps.Create(Features, new FeatureOptions(inputDim, Kappa, Cutoff, Kernel));

    /// <summary>Assembles the problem (generates or reads the data).</summary>
    public Problem Build()
    {
        ArgumentNullException.ThrowIfNull(Data);
        if (!(Lambda >= 0) || !double.IsFinite(Lambda)) throw new IO.SpecException("lambda", $"must be finite and ≥ 0 (got {Lambda})");
        return IO.SpecException.Within("data", () => Data.Build(this));
    }
}

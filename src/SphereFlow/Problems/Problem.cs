using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Losses;
using SphereFlow.Objectives;

namespace SphereFlow.Problems;

/// <summary>
/// A problem description shared by every solver: data, feature map, loss, weight decay, the objective F and,
/// where the data were generated, the ground truth (teacher network or spikes).
/// </summary>
public sealed class Problem
{
    /// <summary>Assembles a problem.</summary>
    /// <remarks>
    /// <paramref name="functional"/> replaces the sampled objective as the functional solvers minimise (e.g. the
    /// closed-form <see cref="GaussianPopulationObjective"/>); <paramref name="data"/> then serves as a held-out sample.
    /// </remarks>
    public Problem(WeightedData data, IFeatureMap features, ILoss loss, double lambda, TeacherNetwork? teacher = null, Deconvolution? spikes = null,
                   IObjective? functional = null)
    {
        Data = data; Features = features; Loss = loss; Lambda = lambda; Teacher = teacher; Spikes = spikes;
        SampleObjective = new NetworkObjective(data, features, loss, lambda);
        if (functional is not null && functional.AmbientDim != features.AmbientDim)
            throw new ArgumentException($"objective lives in R^{functional.AmbientDim}, features in R^{features.AmbientDim}");
        Functional = functional ?? SampleObjective;
    }

    /// <summary>The data.</summary>
    public WeightedData Data { get; }
    /// <summary>The feature map.</summary>
    public IFeatureMap Features { get; }
    /// <summary>The loss.</summary>
    public ILoss Loss { get; }
    /// <summary>Weight decay λ.</summary>
    public double Lambda { get; }
    /// <summary>The sampled objective F over <see cref="Data"/> (a held-out sample when <see cref="Functional"/> differs).</summary>
    public NetworkObjective SampleObjective { get; }
    /// <summary>
    /// The functional F that solvers minimise: <see cref="SampleObjective"/>, or the exact population objective when the case
    /// asks for it (<c>problem.data.sampling: population</c>).
    /// </summary>
    public IObjective Functional { get; }
    /// <summary>
    /// <see cref="Functional"/> as the network objective over <see cref="Data"/>, for what needs its data (the convex
    /// reference F* of the gap studies); null when the solvers minimise the exact population objective instead, whose
    /// optimum is not that of the sample.
    /// </summary>
    public NetworkObjective? SampledFunctional => Functional as NetworkObjective;
    /// <summary>True when <see cref="Functional"/> is an exact population objective rather than the sample over <see cref="Data"/>.</summary>
    public bool IsPopulation => !ReferenceEquals(Functional, SampleObjective);
    /// <summary>The teacher, for teacher–student data.</summary>
    public TeacherNetwork? Teacher { get; }
    /// <summary>The spikes, for deconvolution data.</summary>
    public Deconvolution? Spikes { get; }
    /// <summary>Ambient dimension d + 1.</summary>
    public int AmbientDim => Features.AmbientDim;
}

using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Losses;
using SphereFlow.Objectives;

namespace SphereFlow.Cases;

/// <summary>
/// A problem description shared by every solver: data, feature map, loss, weight decay, the objective F and,
/// where the data were generated, the ground truth (teacher network or spikes).
/// </summary>
public sealed class Problem
{
    /// <summary>Assembles a problem.</summary>
    public Problem(WeightedData data, IFeatureMap features, ILoss loss, double lambda, TeacherNetwork? teacher = null, Deconvolution? spikes = null)
    {
        Data = data; Features = features; Loss = loss; Lambda = lambda; Teacher = teacher; Spikes = spikes;
        Objective = new NetworkObjective(data, features, loss, lambda);
    }

    /// <summary>The data.</summary>
    public WeightedData Data { get; }
    /// <summary>The feature map.</summary>
    public IFeatureMap Features { get; }
    /// <summary>The loss.</summary>
    public ILoss Loss { get; }
    /// <summary>Weight decay λ.</summary>
    public double Lambda { get; }
    /// <summary>The objective F.</summary>
    public NetworkObjective Objective { get; }
    /// <summary>The teacher, for teacher–student data.</summary>
    public TeacherNetwork? Teacher { get; }
    /// <summary>The spikes, for deconvolution data.</summary>
    public Deconvolution? Spikes { get; }
    /// <summary>Ambient dimension d + 1.</summary>
    public int AmbientDim => Features.AmbientDim;
}

using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.IO;
using SphereFlow.Losses;

namespace SphereFlow.Problems;

/// <summary>
/// Sparse deconvolution data (<c>problem.data: {kind: deconvolution, …}</c>): spikes Σ_s w_s δ_{η_s} on S^1 (angles) or
/// S^2 (directions, normalised) observed through the feature map at n sample points, with optional Gaussian noise.
/// </summary>
public sealed record DeconvolutionDataSpec : DataSpec
{
    /// <summary>Sphere dimension d (1 or 2).</summary>
    public int Sphere { get; init; } = 1;
    /// <summary>Number of observations n.</summary>
    public int N { get; init; } = 64;
    /// <summary>Noise standard deviation.</summary>
    public double Noise { get; init; }
    /// <summary>Seed of the noise.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Spike weights w_s.</summary>
    public required double[] Weights { get; init; }
    /// <summary>Spike positions: one angle per row on S^1, one direction [x, y, z] per row on S^2.</summary>
    public required IReadOnlyList<double[]> Spikes { get; init; }

    /// <inheritdoc/>
    public override string Kind => "deconvolution";

    /// <summary>The ground-truth spikes.</summary>
    public Deconvolution CreateSpikes()
    {
        if (Spikes.Count != Weights.Length) throw new SpecException("weights", $"{Weights.Length} weights for {Spikes.Count} spikes");
        if (Sphere == 1)
        {
            if (Spikes.Any(r => r.Length != 1)) throw new SpecException("spikes", "on S^1 every spike is one angle (radians)");
            return Deconvolution.OnCircle([.. Spikes.Select(r => r[0])], Weights);
        }
        var pts = new double[3 * Spikes.Count];
        for (int s = 0; s < Spikes.Count; s++)
        {
            var row = Spikes[s];
            if (row.Length != 3) throw new SpecException("spikes", $"item {s}: expected 3 coordinates");
            double r = Math.Sqrt(row.Sum(v => v * v));
            if (r == 0) throw new SpecException("spikes", $"item {s}: zero vector");
            for (int c = 0; c < 3; c++) pts[3 * s + c] = row[c] / r;
        }
        return new Deconvolution(Weights, pts, 3);
    }

    /// <summary>Input dimension of the observations: 1 (an angle) for the dirichlet map, else d + 1 (unit vectors).</summary>
    public static int InputDim(string features, int sphere) => features == "dirichlet" ? 1 : sphere + 1;

    /// <summary>Why the feature map <paramref name="features"/> (parameters <paramref name="kappa"/>, <paramref name="cutoff"/>) cannot observe spikes on S^<paramref name="sphere"/> (null when it can).</summary>
    public static string? SphereMismatch(string features, double kappa, int cutoff, int sphere)
    {
        int lives = FeatureMaps.Create(features, new FeatureOptions(InputDim(features, sphere), kappa, cutoff)).AmbientDim;
        return lives == sphere + 1 ? null : $"feature map '{features}' lives on S^{lives - 1}";
    }

    /// <inheritdoc/>
    public override (long Points, int InputDim) Shape(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return (N, InputDim(problem.Features, Sphere));
    }

    /// <inheritdoc/>
    public override Problem Build(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (Sphere is < 1 or > 2) throw new SpecException("sphere", $"must be 1 or 2 (got {Sphere})");
        if (SphereMismatch(problem.Features, problem.Kappa, problem.Cutoff, Sphere) is { } mismatch) throw new SpecException("sphere", mismatch);
        var features = problem.CreateFeatures(InputDim(problem.Features, Sphere));
        var spikes = CreateSpikes();
        var data = spikes.Observe(features, N, Noise, Seed);
        return new Problem(data, features, LossRegistry.Create(problem.Loss), problem.Lambda, spikes: spikes);
    }
}

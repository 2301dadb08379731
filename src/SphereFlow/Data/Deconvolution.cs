using SphereFlow.Features;
using SphereFlow.Geometry;

namespace SphereFlow.Data;

/// <summary>
/// Sparse deconvolution data: spikes ν* = Σ_s w_s δ_{η_s} on S^1 or S^2 observed through a feature map at sample
/// points, y_i = Σ_s w_s Ψ(η_s)(x_i) + noise, ω_i = 1/n.
/// </summary>
public sealed class Deconvolution
{
    /// <summary>Creates the ground truth.</summary>
    public Deconvolution(double[] weights, double[] points, int ambientDim)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(points);
        if (points.Length != weights.Length * ambientDim) throw new ArgumentException("spike positions and weights disagree in size");
        Weights = weights; Points = points; AmbientDim = ambientDim;
    }

    /// <summary>Spike weights w_s.</summary>
    public double[] Weights { get; }
    /// <summary>Spike positions η_s (row-major unit vectors).</summary>
    public double[] Points { get; }
    /// <summary>Ambient dimension of the sphere.</summary>
    public int AmbientDim { get; }

    /// <summary>Spikes on S^1 given by angles.</summary>
    public static Deconvolution OnCircle(double[] angles, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(angles);
        var pts = new double[2 * angles.Length];
        for (int s = 0; s < angles.Length; s++) { pts[2 * s] = Math.Cos(angles[s]); pts[2 * s + 1] = Math.Sin(angles[s]); }
        return new Deconvolution(weights, pts, 2);
    }

    /// <summary>
    /// Sample points for the observations: on S^1, n equally spaced points (angles for the dirichlet map, unit vectors
    /// otherwise); on S^2, a Fibonacci lattice of n unit vectors.
    /// </summary>
    public static double[] SamplePoints(int ambientDim, int n, bool angles)
    {
        if (ambientDim == 2)
        {
            var x = new double[angles ? n : 2 * n];
            for (int i = 0; i < n; i++)
            {
                double th = 2 * Math.PI * i / n;
                if (angles) x[i] = th;
                else { x[2 * i] = Math.Cos(th); x[2 * i + 1] = Math.Sin(th); }
            }
            return x;
        }
        if (ambientDim == 3 && !angles)
        {
            var x = new double[3 * n];
            double golden = Math.PI * (3 - Math.Sqrt(5));
            for (int i = 0; i < n; i++)
            {
                double z = 1 - (2.0 * i + 1) / n, r = Math.Sqrt(1 - z * z), th = golden * i;
                x[3 * i] = r * Math.Cos(th); x[3 * i + 1] = r * Math.Sin(th); x[3 * i + 2] = z;
            }
            return x;
        }
        throw new ArgumentException("deconvolution sample points are defined on S^1 and S^2");
    }

    /// <summary>Observations of the spikes through <paramref name="features"/> at n sample points, with Gaussian noise of standard deviation <paramref name="noise"/>.</summary>
    public WeightedData Observe(IFeatureMap features, int n, double noise, int seed)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.AmbientDim != AmbientDim) throw new ArgumentException($"feature map '{features.Name}' lives on S^{features.AmbientDim - 1}, spikes on S^{AmbientDim - 1}");
        bool angles = features.InputDim == 1;
        int k = features.InputDim;
        var rows = SamplePoints(AmbientDim, n, angles);
        if (rows.Length != k * n) throw new ArgumentException($"feature map '{features.Name}' takes inputs of dimension {k}, not supported by deconvolution sample points");
        var y = new double[n];
        var w = new double[n];
        Array.Fill(w, 1.0 / n);
        var data = WeightedData.FromRows(k, rows, y, w);
        var vals = new double[n];
        for (int s = 0; s < Weights.Length; s++)
        {
            features.Evaluate(Points.AsSpan(s * AmbientDim, AmbientDim), data.View, vals);
            for (int i = 0; i < n; i++) y[i] += Weights[s] * vals[i];
        }
        if (noise > 0)
        {
            var rng = new Random(seed);
            for (int i = 0; i < n; i++) y[i] += noise * Sphere.Gaussian(rng);
        }
        return data;
    }
}

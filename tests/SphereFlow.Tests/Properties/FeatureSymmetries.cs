using SphereFlow.Data;
using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Tests.Properties;

/// <summary>
/// The rotation symmetry of each registered feature map: a map g of the sphere and a map of the inputs such that
/// Ψ(gη)(gx) = Ψ(η)(x). ReLU maps: η = (a, b[, c]) ↦ (a, Rb[, c]) and x ↦ Rx for R ∈ O(k); von Mises: η ↦ Rη, x ↦ Rx;
/// Dirichlet: rotation of the circle by φ and x ↦ x + φ. A new map must be added here (or to <see cref="None"/>).
/// </summary>
internal sealed class FeatureSymmetry
{
    /// <summary>Maps registered without a known symmetry (none today).</summary>
    public static readonly string[] None = [];

    /// <summary>Names of the maps with a symmetry below.</summary>
    public static readonly string[] Known = ["relu", "relu-bias", "vonmises", "dirichlet"];

    private readonly string _features;
    private readonly double[] _r;      // k×k orthogonal (ReLU, von Mises) or the angle φ (Dirichlet)
    private readonly int _k;

    /// <summary>A random symmetry of the map for inputs of dimension k.</summary>
    public FeatureSymmetry(string features, int k, int seed)
    {
        _features = features; _k = k;
        var rng = new Random(seed);
        if (features == "dirichlet") { _r = [2 * Math.PI * rng.NextDouble()]; return; }
        if (!Known.Contains(features)) throw new ArgumentException($"no symmetry known for feature map '{features}'");
        _r = RandomOrthogonal(k, rng);
    }

    /// <summary>A random orthogonal k×k matrix (Gram–Schmidt of a Gaussian matrix), row-major.</summary>
    public static double[] RandomOrthogonal(int k, Random rng)
    {
        var r = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            var row = r.AsSpan(i * k, k);
            do
            {
                for (int c = 0; c < k; c++) row[c] = Sphere.Gaussian(rng);
                for (int j = 0; j < i; j++)
                {
                    double dot = Sphere.Dot(row, r.AsSpan(j * k, k));
                    for (int c = 0; c < k; c++) row[c] -= dot * r[j * k + c];
                }
            } while (Sphere.Norm(row) < 1e-3);
            Sphere.Normalize(row);
        }
        return r;
    }

    private void Rotate(ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < _k; i++)
        {
            double s = 0;
            for (int c = 0; c < _k; c++) s += _r[i * _k + c] * x[c];
            y[i] = s;
        }
    }

    /// <summary>g applied to a point of the sphere.</summary>
    public void ApplyToPoint(ReadOnlySpan<double> eta, Span<double> result)
    {
        eta.CopyTo(result);
        switch (_features)
        {
            case "dirichlet":
                double c = Math.Cos(_r[0]), s = Math.Sin(_r[0]);
                result[0] = c * eta[0] - s * eta[1];
                result[1] = s * eta[0] + c * eta[1];
                break;
            case "vonmises":
                Rotate(eta, result);
                break;
            default:      // relu, relu-bias: rotate b = η[1..k]
                Rotate(eta.Slice(1, _k), result.Slice(1, _k));
                break;
        }
    }

    /// <summary>g applied to every atom of a measure (masses kept).</summary>
    public Measure Apply(Measure nu)
    {
        var r = nu.Clone();
        for (int q = 0; q < nu.Count; q++) ApplyToPoint(nu.Point(q), r.Point(q));
        return r;
    }

    /// <summary>The data with every input transformed (targets and weights kept).</summary>
    public WeightedData Apply(WeightedData data)
    {
        int n = data.Count;
        var rows = new double[n * _k];
        var x = new double[_k];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < _k; c++) x[c] = data.X[c * n + i];
            if (_features == "dirichlet") rows[i] = x[0] + _r[0];
            else Rotate(x, rows.AsSpan(i * _k, _k));
        }
        return WeightedData.FromRows(_k, rows, (double[])data.Y.Clone(), (double[])data.Weights.Clone());
    }
}

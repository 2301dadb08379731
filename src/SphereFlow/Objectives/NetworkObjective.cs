using System.Buffers;
using System.Numerics.Tensors;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Numerics;

namespace SphereFlow.Objectives;

/// <summary>
/// The data-fitting objective of a two-layer network in the mean-field parametrisation:
/// F(ν) = Σ_i ω_i ℓ(h(x_i), y_i) + λ ν(S^d), h(x) = ∫ Ψ(η)(x) dν(η), with first variation
/// J(η|ν) = Σ_i ω_i ∂₁ℓ(h(x_i), y_i) Ψ(η)(x_i) + λ. Everything is matrix-free: cost O(atoms · n) per call,
/// memory O(n).
/// </summary>
public sealed class NetworkObjective : IObjective
{
    /// <summary>Creates the objective.</summary>
    public NetworkObjective(WeightedData data, IFeatureMap features, ILoss loss, double lambda)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(loss);
        if (features.InputDim != data.InputDim)
            throw new ArgumentException($"feature map '{features.Name}' expects inputs of dimension {features.InputDim}, data has {data.InputDim}");
        if (!(lambda >= 0) || !double.IsFinite(lambda)) throw new ArgumentException("lambda must be finite and ≥ 0");
        Data = data; Features = features; Loss = loss; Lambda = lambda;
        Kernel = (features as IMeasureKernelSource)?.CreateKernel(data);
    }

    /// <summary>The whole-measure kernel of the feature map for these data, or null for the per-atom (pairwise) kernels.</summary>
    public IMeasureKernel? Kernel { get; }

    /// <summary>The algorithm that sums over atoms and data, for reports.</summary>
    public string KernelPath => Kernel?.Path ?? "pairwise (per atom, SIMD over data points)";

    /// <summary>The data (x_i, y_i, ω_i).</summary>
    public WeightedData Data { get; }
    /// <summary>The feature map Ψ.</summary>
    public IFeatureMap Features { get; }
    /// <summary>The loss ℓ.</summary>
    public ILoss Loss { get; }
    /// <summary>Weight decay λ ≥ 0.</summary>
    public double Lambda { get; }
    /// <inheritdoc/>
    public int AmbientDim => Features.AmbientDim;

    /// <summary>
    /// When true, <see cref="Linearize"/> overwrites and returns one <see cref="NetworkLinearization"/> owned by the objective (no
    /// allocation per call), for a caller that holds one linearisation at a time (online SGD).
    /// </summary>
    public bool ReuseLinearization { get; init; }

    private NetworkLinearization? _reused;

    /// <summary>Prediction h(x_i) = Σ_j M_j Ψ(η_j)(x_i) at every data point.</summary>
    public double[] Predict(Measure nu)
    {
        var h = new double[Data.Count];
        PredictInto(nu, h);
        return h;
    }

    /// <summary>Writes the prediction h(x_i) into <paramref name="h"/> (length n).</summary>
    public void PredictInto(Measure nu, double[] h)
    {
        ArgumentNullException.ThrowIfNull(nu);
        ArgumentNullException.ThrowIfNull(h);
        if (nu.AmbientDim != AmbientDim) throw new ArgumentException($"measure lives in R^{nu.AmbientDim}, objective expects R^{AmbientDim}");
        int n = Data.Count;
        if (h.Length != n) throw new ArgumentException("prediction length must equal the data count");
        if (Kernel is not null) Kernel.Predict(nu.Mass, nu.Points, h);
        else PredictPairwise(nu, h);
    }

    /// <summary>The per-atom prediction (kept apart so that the kernel path allocates no closure).</summary>
    private void PredictPairwise(Measure nu, double[] h)
    {
        int n = Data.Count;
        Array.Clear(h);
        var view = Data.View;
        int blocks = 2 * Environment.ProcessorCount;
        if (n >= blocks * MinDataBlock || nu.Count < 2 * AtomChunk)
        {
            // Parallel over blocks of data points: each h_i sums over atoms in atom order, so the result does not
            // depend on the blocking (deterministic for any thread count).
            // Blocks also carry at least ~2^16 units of work (m·k per point), so tiny problems (an SGD batch of 100 points
            // and a few atoms) stay on one thread instead of paying a thread hand-off per call.
            int chunk = Math.Max(Math.Max(MinDataBlock, (n + blocks - 1) / blocks),
                                 ParallelRanges.ChunkFor(n, (double)nu.Count * Data.InputDim, 1 << 16));
            ParallelRanges.For(n, chunk, (_, i0, i1) => AccumulateAtoms(nu, 0, nu.Count, view.Slice(i0, i1 - i0), h.AsSpan(i0, i1 - i0)));
        }
        else
        {
            // Few data points, many atoms: partial predictions over fixed chunks of atoms, summed in chunk order
            // (chunk boundaries do not depend on the thread count, so the result is deterministic).
            int chunks = ParallelRanges.ChunkCount(nu.Count, AtomChunk);
            var partial = new double[chunks][];
            ParallelRanges.For(nu.Count, AtomChunk, (c, j0, j1) =>
            {
                var hp = new double[n];
                AccumulateAtoms(nu, j0, j1, view, hp);
                partial[c] = hp;
            });
            foreach (var hp in partial) TensorPrimitives.Add(h, hp, h);
        }
    }

    private const int MinDataBlock = 64, AtomChunk = 2048;

    private void AccumulateAtoms(Measure nu, int j0, int j1, DataView block, Span<double> hb)
    {
        var tmp = ArrayPool<double>.Shared.Rent(block.Length);
        try
        {
            for (int j = j0; j < j1; j++)
            {
                double m = nu.Mass[j];
                if (m != 0) Features.Accumulate(nu.Point(j), m, block, hb, tmp);
            }
        }
        finally { ArrayPool<double>.Shared.Return(tmp); }
    }

    /// <inheritdoc/>
    public Linearization Linearize(Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        if (!ReuseLinearization) return LinearizeAt(Predict(nu), nu.TotalMass);
        var lin = _reused ??= new NetworkLinearization(this, new double[Data.Count], new double[Data.Count], 0, 0);
        PredictInto(nu, lin.Prediction);
        lin.DataTerm = Residuals(lin.Prediction, lin.Residual);
        lin.SetEnergy(lin.DataTerm + Lambda * nu.TotalMass);
        return lin;
    }

    /// <summary>g_i = ω_i ∂₁ℓ(h_i, y_i) into <paramref name="g"/>; returns Σ_i ω_i ℓ(h_i, y_i).</summary>
    private double Residuals(double[] h, double[] g)
    {
        double loss = 0;
        for (int i = 0; i < h.Length; i++)
        {
            double w = Data.Weights[i];
            loss += w * Loss.Value(h[i], Data.Y[i]);
            g[i] = w * Loss.Derivative(h[i], Data.Y[i]);
        }
        return loss;
    }

    /// <summary>Linearisation from a known prediction h and total mass (lets callers with their own h reuse the kernels).</summary>
    public NetworkLinearization LinearizeAt(double[] h, double totalMass)
    {
        ArgumentNullException.ThrowIfNull(h);
        var g = new double[Data.Count];
        double loss = Residuals(h, g);
        return new NetworkLinearization(this, h, g, loss + Lambda * totalMass, loss);
    }
}

/// <summary>Linearisation of a <see cref="NetworkObjective"/>: holds h, the residual weights g_i = ω_i ∂₁ℓ and F.</summary>
public sealed class NetworkLinearization : Linearization
{
    private readonly NetworkObjective _objective;

    internal NetworkLinearization(NetworkObjective objective, double[] h, double[] g, double energy, double dataTerm)
    {
        _objective = objective; Prediction = h; Residual = g; _energy = energy; DataTerm = dataTerm;
    }

    /// <inheritdoc/>
    public override double Energy => _energy;

    private double _energy;

    /// <summary>The data-fit part Σ ω_i ℓ(h_i, y_i) of F.</summary>
    public double DataTerm { get; internal set; }

    internal void SetEnergy(double energy) => _energy = energy;

    /// <summary>h(x_i) at every data point.</summary>
    public double[] Prediction { get; }

    /// <summary>g_i = ω_i ∂₁ℓ(h(x_i), y_i).</summary>
    public double[] Residual { get; }

    /// <inheritdoc/>
    public override void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS)
    {
        double lambda = _objective.Lambda;
        if (_objective.Kernel is null)
        {
            EvaluatePairwise(points, j, gradS);
            return;
        }
        int dim = _objective.Features.AmbientDim;
        if (points.Length != j.Length * dim) throw new ArgumentException("points and J lengths disagree");
        if (!gradS.IsEmpty && gradS.Length != points.Length) throw new ArgumentException("gradient length must equal points length");
        _objective.Kernel.Contract(points, Residual, j, gradS);
        for (int p = 0; p < j.Length; p++)
        {
            j[p] += lambda;
            if (!gradS.IsEmpty) Sphere.ProjectTangent(points.Slice(p * dim, dim), gradS.Slice(p * dim, dim));
        }
    }

    /// <summary>The per-atom kernels, parallel over points (kept apart so that the kernel path allocates no closure).</summary>
    private void EvaluatePairwise(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS)
    {
        var f = _objective.Features;
        int n = _objective.Data.Count;
        double lambda = _objective.Lambda;
        var view = _objective.Data.View;
        var g = Residual;
        EvaluatePointwise(f.AmbientDim, points, j, gradS, (double)n * f.AmbientDim, f.ScratchPerPoint * n,
            (eta, grad, scratch) => f.Contract(eta, view, g, grad, scratch) + lambda);
    }
}

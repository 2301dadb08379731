using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Numerics;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// Online SGD on the network weights (paper, figure 3): every step draws a fresh mini-batch x_i ~ N(0, I_k),
/// y_i = teacher(x_i), and takes w ← w − γ m ∇_w F̂_batch with F̂_batch = (1/B) Σ_i ℓ(h(x_i), y_i) + λ ν(S^d) and
/// γ = β Δt, so Δt is the learning rate in the time of the w-flow (t = iterations × γ). An optional input-step scale s
/// multiplies the step of the input weights (every coordinate of w_j but the output weight a_j, coordinate 0): s = 1 is
/// the mean-field gradient step; the reference notebook of the paper's figure 3 sums the input-weight gradient over the
/// batch instead of averaging it, which is s = B. The diagnostics use
/// <see cref="Objective"/>: the exact population risk (closed form, <c>sampling: population</c>) or the held-out sample.
/// Batches come from a <see cref="TeacherBatchSampler"/> (its own ziggurat stream, serialised, so checkpoints resume bit-for-bit).
/// </summary>
public sealed class SgdSolver : ISolver
{
    private readonly WeightState _state;
    private readonly double[] _grad;
    private readonly TeacherBatchSampler _sampler;
    private readonly NetworkObjective _batch;

    /// <summary>Creates the solver.</summary>
    public SgdSolver(IObjective objective, FlowSpec flow, Measure initial, TeacherNetwork teacher, IFeatureMap features, ILoss loss,
                     double lambda, int batch, long seed, double inputStepScale = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(loss);
        WeightSolver.RequireLifted(flow);
        if (batch < 1) throw new ArgumentException("batch size must be ≥ 1");
        if (!(inputStepScale > 0) || !double.IsFinite(inputStepScale)) throw new ArgumentException("the input-step scale must be finite and > 0");
        if (features.InputDim != teacher.InputDim) throw new ArgumentException($"features take inputs in R^{features.InputDim}, the teacher in R^{teacher.InputDim}");
        if (initial.AmbientDim != features.AmbientDim || objective.AmbientDim != features.AmbientDim) throw new ArgumentException("initial measure, objective and features disagree in dimension");
        Objective = objective; Flow = flow; Batch = batch; InputStepScale = inputStepScale;
        _sampler = new TeacherBatchSampler(teacher, batch, seed);
        _state = new WeightState(initial);
        _grad = new double[_state.W.Length];
        _batch = new NetworkObjective(_sampler.Batch, features, loss, lambda) { ReuseLinearization = true };
    }

    /// <summary>Mini-batch size B.</summary>
    public int Batch { get; }
    /// <summary>Factor on the step of the input weights (1: the mean-field gradient step).</summary>
    public double InputStepScale { get; }
    /// <summary>The weights (row-major); live.</summary>
    public ReadOnlySpan<double> Weights => _state.W;
    /// <inheritdoc/>
    public string Name => "sgd";
    /// <inheritdoc/>
    public string Stepper => "sgd";
    /// <inheritdoc/>
    public bool DecreasesEnergy => false;
    /// <inheritdoc/>
    public IObjective Objective { get; }
    /// <inheritdoc/>
    public FlowSpec Flow { get; }
    /// <inheritdoc/>
    public Measure Current => _state.Current;
    /// <inheritdoc/>
    public SolverClock Clock { get; } = new();
    /// <inheritdoc/>
    public double Time => Clock.Time;

    /// <inheritdoc/>
    public long Steps => Clock.Steps;

    /// <inheritdoc/>
    public StepReport Advance(double dtMax)
    {
        SolverClock.CheckCap(dtMax);
        _sampler.Next();
        var w = _state.W;
        _state.Gradient(_batch, w, _grad);
        double gamma = Flow.Beta * dtMax, gammaInput = gamma * InputStepScale;
        int dim = Current.AmbientDim;
        for (int q = 0; q < w.Length; q += dim)
        {
            w[q] -= gamma * _grad[q];
            for (int c = 1; c < dim; c++) w[q + c] -= gammaInput * _grad[q + c];
        }
        _state.Sync();
        return Clock.Tick(dtMax, 1);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _state.Write(writer);
        _sampler.WriteState(writer);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _state.Read(reader);
        _sampler.ReadState(reader);
    }
}

using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// The w-flow: gradient flow of the network weights themselves, dw_j/dt = −β m ∇_{w_j} F (mean-field scaling), integrated
/// in R^{d+1} by gradient descent (<c>euler</c>: w ← w − βΔt m∇F) or classical RK4 (<c>rk4</c>). With ν = Σ (|w_j|²/m)
/// δ_{w_j/|w_j|} this is the WFR particle flow with α = 4β (paper, section 4.2), so the flow must be <c>wfr</c> with
/// α = 4β. <see cref="Current"/> is ν(w), refreshed after every step.
/// </summary>
public sealed class WeightSolver : ISolver
{
    /// <summary>The integrators of the w-flow.</summary>
    public static readonly string[] Steppers = ["euler", "rk4"];

    private readonly double[] _w;
    private readonly double[][] _k;
    private readonly double[] _stage;
    private readonly Measure _scratch;
    private readonly ParticleWork _work;

    /// <summary>Creates the solver from an initial measure (w_j = √(m M_j) η_j).</summary>
    public WeightSolver(IObjective objective, FlowSpec flow, Measure initial, string stepper)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(initial);
        RequireLifted(flow);
        if (!Steppers.Contains(stepper)) throw new ArgumentException($"unknown weight stepper '{stepper}' (known: {string.Join(", ", Steppers)})");
        if (initial.AmbientDim != objective.AmbientDim) throw new ArgumentException($"initial measure lives in R^{initial.AmbientDim}, problem in R^{objective.AmbientDim}");
        Objective = objective; Flow = flow; Stepper = stepper;
        _w = WeightSpace.FromMeasure(initial);
        Current = new Measure(initial.AmbientDim, initial.Count);
        WeightSpace.ToMeasure(_w, Current);
        _scratch = new Measure(initial.AmbientDim, initial.Count);
        _work = new ParticleWork(initial.Count, initial.AmbientDim);
        _k = stepper == "rk4" ? [.. Enumerable.Range(0, 4).Select(_ => new double[_w.Length])] : [new double[_w.Length]];
        _stage = new double[_w.Length];
    }

    /// <summary>Throws unless the flow is the lifted WFR flow α = 4β (the only one the weights follow).</summary>
    public static void RequireLifted(FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Kind != FlowKind.Wfr || flow.Alpha != 4 * flow.Beta)
            throw new ArgumentException($"the weights follow the lifted flow only: flow.kind wfr with alpha = 4 beta (got {flow.KindName}, alpha {flow.Alpha}, beta {flow.Beta})");
    }

    /// <summary>The weights w_j (row-major, m × (d+1)); live.</summary>
    public ReadOnlySpan<double> Weights => _w;
    /// <inheritdoc/>
    public string Name => "weights";
    /// <inheritdoc/>
    public string Stepper { get; }
    /// <inheritdoc/>
    public IObjective Objective { get; }
    /// <inheritdoc/>
    public FlowSpec Flow { get; }
    /// <inheritdoc/>
    public Measure Current { get; }
    /// <inheritdoc/>
    public SolverClock Clock { get; } = new();
    /// <inheritdoc/>
    public double Time => Clock.Time;

    /// <inheritdoc/>
    public long Steps => Clock.Steps;

    private void Rate(ReadOnlySpan<double> w, double[] k)
    {
        WeightSpace.Gradient(Objective, w, _scratch, _work, k);
        for (int q = 0; q < k.Length; q++) k[q] *= -Flow.Beta;
    }

    /// <inheritdoc/>
    public StepReport Advance(double dtMax)
    {
        SolverClock.CheckCap(dtMax);
        double h = dtMax;
        int evals;
        if (Stepper == "euler")
        {
            Rate(_w, _k[0]);
            for (int q = 0; q < _w.Length; q++) _w[q] += h * _k[0][q];
            evals = 1;
        }
        else
        {
            Rate(_w, _k[0]);
            ReadOnlySpan<double> c = [0.5, 0.5, 1.0];
            for (int s = 1; s < 4; s++)
            {
                for (int q = 0; q < _w.Length; q++) _stage[q] = _w[q] + c[s - 1] * h * _k[s - 1][q];
                Rate(_stage, _k[s]);
            }
            for (int q = 0; q < _w.Length; q++) _w[q] += h / 6 * (_k[0][q] + 2 * _k[1][q] + 2 * _k[2][q] + _k[3][q]);
            evals = 4;
        }
        WeightSpace.ToMeasure(_w, Current);
        return Clock.Tick(h, evals);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        StateIO.Write(writer, _w);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        StateIO.Read(reader, _w, "weights (m or dimension)");
        WeightSpace.ToMeasure(_w, Current);
    }
}

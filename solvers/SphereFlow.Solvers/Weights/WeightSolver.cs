using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.RungeKutta;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// The w-flow: gradient flow of the network weights themselves, dw_j/dt = −β m ∇_{w_j} F (mean-field scaling), integrated
/// in R^{d+1} by a stepper of the shared Runge–Kutta layer (<see cref="WeightSteppers"/>: <c>euler</c> = gradient descent
/// w ← w − βΔt m∇F, <c>rk4</c>, <c>adaptive</c> = Dormand–Prince 5(4) with dt a cap). With ν = Σ (|w_j|²/m)
/// δ_{w_j/|w_j|} this is the WFR particle flow with α = 4β (paper, section 4.2), so the flow must be <c>wfr</c> with
/// α = 4β. <see cref="Current"/> is ν(w), refreshed after every step.
/// </summary>
public sealed class WeightSolver : ISolver
{
    /// <summary>The integrators of the w-flow.</summary>
    public static IReadOnlyCollection<string> Steppers => WeightSteppers.Names;

    private readonly WeightState _state;
    private readonly WeightFlow _system;
    private readonly IOdeStepper<VectorState> _stepper;

    /// <summary>Creates the solver from an initial measure (w_j = √(m M_j) η_j); <paramref name="tolerance"/> is the local tolerance of <c>adaptive</c>.</summary>
    public WeightSolver(IObjective objective, FlowSpec flow, Measure initial, string stepper, double tolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(initial);
        RequireLifted(flow);
        if (initial.AmbientDim != objective.AmbientDim) throw new ArgumentException($"initial measure lives in R^{initial.AmbientDim}, problem in R^{objective.AmbientDim}");
        _stepper = WeightSteppers.Create(stepper, tolerance);
        Objective = objective; Flow = flow;
        _state = new WeightState(initial);
        _system = new WeightFlow(objective, flow, _state);
    }

    /// <summary>Throws unless the flow is the lifted WFR flow α = 4β (the only one the weights follow).</summary>
    public static void RequireLifted(FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Kind != FlowKind.Wfr || flow.Alpha != 4 * flow.Beta)
            throw new ArgumentException($"the weights follow the lifted flow only: flow.kind wfr with alpha = 4 beta (got {flow.KindName}, alpha {flow.Alpha}, beta {flow.Beta})");
    }

    /// <summary>The weights w_j (row-major, m × (d+1)); live.</summary>
    public ReadOnlySpan<double> Weights => _state.W;
    /// <inheritdoc/>
    public string Name => "weights";
    /// <inheritdoc/>
    public string Stepper => _stepper.Name;
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
        var r = _stepper.Step(_system, _state.Vector, dtMax);
        _state.Sync();
        return Clock.Tick(r.Dt, r.Evaluations, r.Rejections);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _state.Write(writer);
        _stepper.WriteState(writer);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _state.Read(reader);
        _stepper.ReadState(reader);
    }
}

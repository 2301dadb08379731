using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Particles;

/// <summary>The Lagrangian solver: m particles (M_j, η_j) advanced by a registered stepper.</summary>
public sealed class ParticleSolver : ISolver
{
    private readonly IParticleStepper _stepper;

    /// <summary>Creates the solver; the initial measure is copied.</summary>
    public ParticleSolver(IObjective objective, FlowSpec flow, Measure initial, IParticleStepper stepper)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(stepper);
        if (initial.AmbientDim != objective.AmbientDim) throw new ArgumentException($"initial measure lives in R^{initial.AmbientDim}, problem in R^{objective.AmbientDim}");
        Dynamics = new ParticleDynamics(objective, flow);
        Current = initial.Clone();
        _stepper = stepper;
    }

    /// <summary>The ODE system.</summary>
    public ParticleDynamics Dynamics { get; }
    /// <inheritdoc/>
    public string Name => "particles";
    /// <inheritdoc/>
    public string Stepper => _stepper.Name;
    /// <inheritdoc/>
    public IObjective Objective => Dynamics.Objective;
    /// <inheritdoc/>
    public FlowSpec Flow => Dynamics.Flow;
    /// <inheritdoc/>
    public Measure Current { get; }
    /// <inheritdoc/>
    public SolverClock Clock { get; } = new();
    /// <inheritdoc/>
    public double Time => Clock.Time;
    /// <inheritdoc/>
    public long Steps => Clock.Steps;

    /// <inheritdoc/>
    public IReadOnlyList<SolverStatistic> Statistics =>
        [new("clipped_masses", Dynamics.ClippedMasses, "particle masses a retraction raised from a negative value to 0 (stage points and steps)")];

    /// <inheritdoc/>
    public StepReport Advance(double dtMax)
    {
        SolverClock.CheckCap(dtMax);
        var r = _stepper.Step(Dynamics, Current, dtMax);
        return Clock.Tick(r.Dt, r.Evaluations, r.Rejections);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        StateIO.Write(writer, Current);
        writer.Write(Dynamics.ClippedMasses);
        _stepper.WriteState(writer);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        StateIO.Read(reader, Current);
        Dynamics.ClippedMasses = reader.ReadInt64();
        _stepper.ReadState(reader);
    }
}

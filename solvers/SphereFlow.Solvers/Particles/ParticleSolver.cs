using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Numerics;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Particles;

/// <summary>The Lagrangian solver: m particles (M_j, η_j) advanced by a registered stepper.</summary>
public sealed class ParticleSolver : ISolver
{
    private readonly IParticleStepper _stepper;
    private CompensatedSum _time;

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
    public double Time => _time.Value;
    /// <inheritdoc/>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public StepReport Advance(double dtMax)
    {
        if (!(dtMax > 0)) throw new ArgumentOutOfRangeException(nameof(dtMax), "time step must be > 0");
        var r = _stepper.Step(Dynamics, Current, dtMax);
        _time.Add(r.Dt);
        Steps++;
        return new StepReport(r.Dt, r.Rejections, double.NaN, r.Evaluations);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _time.Write(writer);
        writer.Write(Steps);
        StateIO.Write(writer, Current);
        _stepper.WriteState(writer);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _time = CompensatedSum.Read(reader);
        Steps = reader.ReadInt64();
        StateIO.Read(reader, Current);
        _stepper.ReadState(reader);
    }
}

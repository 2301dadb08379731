using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Numerics;
using SphereFlow.Objectives;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.RungeKutta;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// Particles for the birth–death flow ∂_t ν = β div_s(ν ∇_s J) − α (J − J̄) ν, with birth–death switched off after time
/// <see cref="Until"/> (pure Wasserstein transport afterwards, as in Rotskoff et al.'s experiments; steps are cut to land
/// on it). Deterministic mode integrates the full particle system with the chosen stepper (exact mass factor for
/// <c>euler</c>). Stochastic mode is a Lie splitting: J at the start of the step, transport by the stepper (α = 0), then
/// the kill/clone step with the step actually taken; its xoshiro256** state is part of the checkpoint.
/// </summary>
public sealed class BirthDeathParticleSolver : ISolver
{
    private readonly IParticleStepper _stepper;
    private readonly ParticleDynamics _full, _transport;
    private readonly Xoshiro256 _rng;
    private ParticleWork? _work;

    /// <summary>Creates the solver; the initial measure is copied.</summary>
    public BirthDeathParticleSolver(IObjective objective, FlowSpec flow, Measure initial, IParticleStepper stepper,
                                    BirthDeathMode mode, double until = double.PositiveInfinity, long seed = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(stepper);
        if (flow.Kind != FlowKind.BirthDeath) throw new ArgumentException($"birth–death particles need flow.kind birth-death (got {flow.KindName})");
        if (!(until >= 0)) throw new ArgumentException("birth_death_until must be ≥ 0");
        if (initial.AmbientDim != objective.AmbientDim) throw new ArgumentException($"initial measure lives in R^{initial.AmbientDim}, problem in R^{objective.AmbientDim}");
        _full = new ParticleDynamics(objective, flow);
        _transport = new ParticleDynamics(objective, new FlowSpec(FlowKind.Wasserstein, 0, flow.Beta));
        _stepper = stepper;
        _rng = new Xoshiro256(seed);
        Mode = mode; Until = until;
        Current = initial.Clone();
    }

    /// <inheritdoc/>
    public bool DecreasesEnergy => Mode == BirthDeathMode.Deterministic;
    /// <summary>Deterministic or stochastic.</summary>
    public BirthDeathMode Mode { get; }
    /// <summary>Time after which birth–death is off.</summary>
    public double Until { get; }
    /// <summary>Whether birth–death acts in the next step.</summary>
    public bool Active => double.IsPositiveInfinity(Until) || Until - Time > 1e-12 * Math.Max(1, Until);
    /// <summary>Particles killed so far (stochastic mode).</summary>
    public long Killed { get; private set; }
    /// <summary>Particles cloned so far (stochastic mode).</summary>
    public long Cloned { get; private set; }
    /// <inheritdoc/>
    public IReadOnlyList<SolverStatistic> Statistics
    {
        get
        {
            var clipped = new SolverStatistic("clipped_masses", _full.ClippedMasses + _transport.ClippedMasses,
                                              "particle masses a retraction raised from a negative value to 0 (stage points and steps)");
            return Mode == BirthDeathMode.Stochastic
                ? [clipped,
                   new("killed", Killed, "particles killed by stochastic birth–death (before the population is restored to m)"),
                   new("cloned", Cloned, "particles cloned by stochastic birth–death (before the population is restored to m)")]
                : [clipped];
        }
    }
    /// <inheritdoc/>
    public string Name => "particles";
    /// <inheritdoc/>
    public string Stepper => $"{_stepper.Name}+bd-{(Mode == BirthDeathMode.Stochastic ? "stochastic" : "deterministic")}";
    /// <inheritdoc/>
    public IObjective Objective => _full.Objective;
    /// <inheritdoc/>
    public FlowSpec Flow => _full.Flow;
    /// <inheritdoc/>
    public Measure Current { get; }
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
        bool active = Active;
        double h = active ? Math.Min(dtMax, Until - Time) : dtMax;
        OdeStep r;
        int extra = 0;
        if (!active) r = _stepper.Step(_transport, Current, h);
        else if (Mode == BirthDeathMode.Deterministic)
        {
            double total = Current.TotalMass;
            r = _stepper.Step(_full, Current, h);
            MassRenormalization.Rescale(Current.Mass, total);
        }
        else
        {
            var work = ParticleWork.Fit(ref _work, Current);
            _full.Rates(Current, work, Span<double>.Empty, Span<double>.Empty);   // J and J̄ at the start of the step
            extra = 1;
            r = _stepper.Step(_transport, Current, h);
            var (k, c) = StochasticBirthDeath.Apply(Current, work.J, work.Shift, Flow.Alpha, r.Dt, _rng);
            Killed += k; Cloned += c;
        }
        return Clock.Tick(r.Dt, r.Evaluations + extra, r.Rejections);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Killed);
        writer.Write(Cloned);
        StateIO.Write(writer, Current);
        writer.Write(_full.ClippedMasses);
        writer.Write(_transport.ClippedMasses);
        _stepper.WriteState(writer);
        _rng.WriteState(writer);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Killed = reader.ReadInt64();
        Cloned = reader.ReadInt64();
        StateIO.Read(reader, Current);
        _full.ClippedMasses = reader.ReadInt64();
        _transport.ClippedMasses = reader.ReadInt64();
        _stepper.ReadState(reader);
        _rng.ReadState(reader);
    }
}

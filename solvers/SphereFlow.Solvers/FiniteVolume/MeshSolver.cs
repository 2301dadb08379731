using System.Numerics.Tensors;
using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// The Eulerian finite-volume solver: the state is the vector of cell masses M_K on a <see cref="SphereMesh"/>, and
/// <see cref="Current"/> is the measure Σ_K M_K δ_{η_K} at the cell centres (so every particle diagnostic applies).
/// Each step: Δt = min(dtMax, safety · f / max_K r_K) with r_K = Σ_σ |σ| u_σ⁺ / |K| (+ α (J_K − s)⁺ for unsplit
/// steppers) and f = 1 (first order) or 1/2 (reconstruction), the stepper's attempt, then acceptance when masses are
/// nonnegative and F(ν_{n+1}) ≤ F(ν_n) + tol · max(|F(ν_n)|, |F(ν_{n+1})|); otherwise Δt is halved and retried
/// (at most <see cref="MeshSolverOptions.MaxRejections"/> times; an energy rise that survives them is accepted and
/// counted in <see cref="UnresolvedEnergyRises"/>, a negative mass that survives them throws
/// <see cref="DivergenceException"/>). After a rejection the solver remembers the accepted Δt as a cap and lets it grow by
/// <see cref="MeshSolverOptions.StepGrowth"/> per step accepted at the cap, so a run near its energy-stability limit does
/// not pay a rejected attempt on every step. The step is a function of the masses and that cap, both checkpointed, so
/// resumed runs are bit-for-bit.
/// </summary>
public sealed class MeshSolver : ISolver
{
    private readonly IMeshStepper _stepper;
    private readonly MeshSolverOptions _options;
    private readonly double[] _mass, _next, _j;
    private Linearization? _lin;      // at the current masses (from the previous acceptance test)
    private bool _jReady;
    private double _dtCap = double.PositiveInfinity;   // remembered after energy rejections

    /// <summary>Creates the solver from initial cell masses (copied).</summary>
    public MeshSolver(IObjective objective, FlowSpec flow, SphereMesh mesh, double[] initialMasses, IMeshStepper stepper, MeshSolverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(initialMasses);
        ArgumentNullException.ThrowIfNull(stepper);
        _options = options ?? new MeshSolverOptions();
        _options.Validate();
        if (initialMasses.Length != mesh.CellCount) throw new ArgumentException($"{initialMasses.Length} initial masses for {mesh.CellCount} cells");
        for (int k = 0; k < initialMasses.Length; k++)
            if (!double.IsFinite(initialMasses[k]) || initialMasses[k] < 0) throw new ArgumentException($"cell {k}: initial mass must be finite and ≥ 0 (got {initialMasses[k]})");
        Discretization = new MeshDiscretization(mesh, objective, flow, _options.Limiter);
        _stepper = stepper;
        _mass = (double[])initialMasses.Clone();
        _next = new double[mesh.CellCount];
        _j = new double[mesh.CellCount];
        Current = new Measure(mesh.AmbientDim, _mass, (double[])mesh.Centers.Clone());
    }

    /// <summary>The semi-discrete system (mesh, transport, reaction).</summary>
    public MeshDiscretization Discretization { get; }
    /// <summary>The mesh.</summary>
    public SphereMesh Mesh => Discretization.Mesh;
    /// <summary>The options.</summary>
    public MeshSolverOptions Options => _options;
    /// <inheritdoc/>
    public string Name => "mesh";
    /// <inheritdoc/>
    public string Stepper => _stepper.Name;
    /// <inheritdoc/>
    public IObjective Objective => Discretization.Objective;
    /// <inheritdoc/>
    public FlowSpec Flow => Discretization.Flow;
    /// <inheritdoc/>
    public Measure Current { get; }
    /// <inheritdoc/>
    public SolverClock Clock { get; } = new();
    /// <inheritdoc/>
    public double Time => Clock.Time;

    /// <inheritdoc/>
    public long Steps => Clock.Steps;
    /// <summary>Accepted steps whose energy still rose after all retries (reported, not hidden).</summary>
    public long UnresolvedEnergyRises { get; private set; }
    /// <inheritdoc/>
    public IReadOnlyList<SolverStatistic> Statistics =>
        [new("unresolved_energy_rises", UnresolvedEnergyRises, "accepted steps whose energy still rose after all step halvings")];
    /// <summary>Cell masses M_K (live view of the state).</summary>
    public ReadOnlySpan<double> Masses => _mass;
    /// <summary>F at the current masses.</summary>
    public double Energy => Linearization().Energy;

    private Linearization Linearization() => _lin ??= Discretization.Linearize(_mass);

    /// <summary>J at the cell centres for the current masses (evaluated once per state).</summary>
    public ReadOnlySpan<double> CurrentJ
    {
        get { EnsureJ(); return _j; }
    }

    private void EnsureJ()
    {
        if (_jReady) return;
        Discretization.EvaluateJ(Linearization(), _j);
        _jReady = true;
    }

    /// <summary>The largest step the positivity bound allows now (before the safety factor), +∞ when nothing moves.</summary>
    public double PositivityLimit()
    {
        EnsureJ();
        return PositivityLimit(Discretization.Transport.MaxOutflowRate(_j));
    }

    private double PositivityLimit(double outflowRate)
    {
        double rate = outflowRate / Discretization.Transport.PositivityFraction;
        if (_stepper.ReactionInPositivityBound) rate += Discretization.Reaction.MaxDecayRate(_mass, _j);
        return rate > 0 ? 1.0 / rate : double.PositiveInfinity;
    }

    /// <inheritdoc/>
    public StepReport Advance(double dtMax)
    {
        SolverClock.CheckCap(dtMax);
        long evals0 = Discretization.Evaluations;
        EnsureJ();
        double f0 = Linearization().Energy;
        double outflow = Discretization.Transport.MaxOutflowRate(_j);
        double dtFree = Math.Min(dtMax, _options.CflSafety * PositivityLimit(outflow));
        bool capped = _dtCap < dtFree;
        double dt = capped ? _dtCap : dtFree;
        int rejections = 0;
        Linearization? lin = null;
        while (true)
        {
            bool admissible = _stepper.TryStep(Discretization, _mass, _j, dt, _next);
            if (admissible)
            {
                lin = Discretization.Linearize(_next);
                double tol = _options.EnergyTolerance * Math.Max(Math.Abs(f0), Math.Abs(lin.Energy));
                if (lin.Energy <= f0 + tol) break;
                if (rejections >= _options.MaxRejections) { UnresolvedEnergyRises++; break; }
            }
            else if (rejections >= _options.MaxRejections)
                throw new DivergenceException(Steps + 1, Time, "mesh cell mass (negative after all step reductions)", TensorPrimitives.Min(_next));
            rejections++;
            dt *= 0.5;
        }
        if (rejections > 0) _dtCap = dt;
        else if (capped) _dtCap *= _options.StepGrowth;
        _next.CopyTo(_mass, 0);
        _lin = lin;
        _jReady = false;
        return Clock.Tick(dt, (int)(Discretization.Evaluations - evals0), rejections, dt * outflow);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(UnresolvedEnergyRises);
        writer.Write(_dtCap);
        StateIO.Write(writer, Current);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        UnresolvedEnergyRises = reader.ReadInt64();
        _dtCap = reader.ReadDouble();
        StateIO.Read(reader, Current);
        _lin = null;
        _jReady = false;
    }
}

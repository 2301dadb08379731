using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// The semi-discrete finite-volume system a <see cref="IMeshStepper"/> integrates: cell masses M_K at the mesh
/// centres, J evaluated at the centres (matrix-free through <see cref="IObjective.Linearize"/>), the upwind
/// transport operator and the exact reaction. Also owns reusable work arrays so that steppers do not allocate.
/// </summary>
public sealed class MeshDiscretization
{
    private readonly List<double[]> _work = [];

    /// <summary>Assembles the discretisation.</summary>
    public MeshDiscretization(SphereMesh mesh, IObjective objective, FlowSpec flow, SlopeLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(flow);
        if (mesh.AmbientDim != objective.AmbientDim) throw new ArgumentException($"mesh of S^{mesh.SphereDim} (R^{mesh.AmbientDim}) does not fit a problem in R^{objective.AmbientDim}");
        Mesh = mesh; Objective = objective; Flow = flow;
        Transport = new UpwindTransport(mesh, flow.Beta, limiter);
        Reaction = new ExactReaction(flow, mesh.CellCount);
    }

    /// <summary>The mesh.</summary>
    public SphereMesh Mesh { get; }
    /// <summary>The objective F.</summary>
    public IObjective Objective { get; }
    /// <summary>The flow.</summary>
    public FlowSpec Flow { get; }
    /// <summary>Transport operator.</summary>
    public UpwindTransport Transport { get; }
    /// <summary>Exact reaction.</summary>
    public ExactReaction Reaction { get; }
    /// <summary>Number of cells.</summary>
    public int CellCount => Mesh.CellCount;
    /// <summary>J evaluations (at all centres) so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>The measure Σ_K M_K δ_{η_K} wrapping <paramref name="mass"/> (no copy).</summary>
    public Measure AsMeasure(double[] mass) => new(Mesh.AmbientDim, mass, Mesh.Centers);

    /// <summary>F and the first variation at the cell masses <paramref name="mass"/>.</summary>
    public Linearization Linearize(double[] mass) => Objective.Linearize(AsMeasure(mass));

    /// <summary>Evaluates J at every centre from a linearisation (counts one evaluation).</summary>
    public void EvaluateJ(Linearization lin, double[] j)
    {
        ArgumentNullException.ThrowIfNull(lin);
        lin.Evaluate(Mesh.Centers, j, Span<double>.Empty);
        Evaluations++;
    }

    /// <summary>Evaluates J(·|ν) at every centre for the masses <paramref name="mass"/>; returns F(ν).</summary>
    public double EvaluateJ(double[] mass, double[] j)
    {
        var lin = Linearize(mass);
        EvaluateJ(lin, j);
        return lin.Energy;
    }

    /// <summary>A work array of length <see cref="CellCount"/>, one per slot, reused across calls.</summary>
    public double[] Work(int slot)
    {
        while (_work.Count <= slot) _work.Add(new double[CellCount]);
        return _work[slot];
    }

    /// <summary>dst = src + dt · T(src; J) (forward-Euler transport with frozen J).</summary>
    public void TransportEuler(double[] src, double[] j, double dt, double[] dst)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        var rate = Work(WorkSlots.Rate);
        Transport.Rate(src, j, rate);
        for (int k = 0; k < src.Length; k++) dst[k] = src[k] + dt * rate[k];
    }

    /// <summary>
    /// dst = transport of src over dt with frozen J by Heun's SSP-RK2 (two forward-Euler stages averaged): second
    /// order in time for frozen J, nonnegative under the same bound as one forward-Euler stage.
    /// </summary>
    public void TransportSsprk2(double[] src, double[] j, double dt, double[] dst)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        var stage = Work(WorkSlots.TransportStage);
        TransportEuler(src, j, dt, stage);
        var rate = Work(WorkSlots.Rate);
        Transport.Rate(stage, j, rate);
        for (int k = 0; k < src.Length; k++) dst[k] = 0.5 * src[k] + 0.5 * (stage[k] + dt * rate[k]);
    }

    /// <summary>dmdt = T(mass; J) − α (J − s) mass: the full unsplit right-hand side.</summary>
    public void FullRate(double[] mass, double[] j, double[] dmdt)
    {
        Transport.Rate(mass, j, dmdt);
        Reaction.AddRate(mass, j, dmdt);
    }

    /// <summary>True when every mass is finite and ≥ 0.</summary>
    public static bool IsAdmissible(double[] mass)
    {
        ArgumentNullException.ThrowIfNull(mass);
        foreach (var m in mass) if (!(m >= 0) || double.IsPositiveInfinity(m)) return false;
        return true;
    }
}

/// <summary>Work-array slots of <see cref="MeshDiscretization.Work"/>: 0–1 internal, steppers use 2 and up.</summary>
public static class WorkSlots
{
    /// <summary>Transport rate scratch.</summary>
    public const int Rate = 0;
    /// <summary>Stage of the SSP-RK2 transport.</summary>
    public const int TransportStage = 1;
    /// <summary>First slot free for steppers.</summary>
    public const int FirstFree = 2;
}

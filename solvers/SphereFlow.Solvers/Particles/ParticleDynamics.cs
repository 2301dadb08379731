using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// The particle ODE system of a flow: dM_j/dt = −α M_j (J(η_j|ν) − s), dη_j/dt = −β ∇_s J(η_j|ν), with s = 0 (WFR,
/// Wasserstein) or s = J̄ (birth–death). Evaluates J, ∇_s J and the rates into caller-owned buffers. As an
/// <see cref="IOdeSystem{TState}"/> its retraction clips masses at 0 (counted in <see cref="ClippedMasses"/>) and
/// renormalises positions onto the sphere.
/// </summary>
public sealed class ParticleDynamics : IOdeSystem<ParticleState>
{
    private ParticleWork? _work;
    /// <summary>Creates the system.</summary>
    public ParticleDynamics(IObjective objective, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(flow);
        Objective = objective; Flow = flow;
    }

    /// <summary>The objective F.</summary>
    public IObjective Objective { get; }

    /// <summary>The flow (α, β, kind).</summary>
    public FlowSpec Flow { get; }

    /// <summary>Number of right-hand-side evaluations so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Masses that a retraction raised to 0 from a negative value (stage points and results), so far.</summary>
    public long ClippedMasses { get; set; }

    /// <summary>J, ∇_s J and the shift of the last evaluation through <see cref="Rates(ParticleState, ParticleState)"/>.</summary>
    public ParticleWork? LastWork => _work;

    /// <inheritdoc/>
    public ParticleState CreateLike(ParticleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ParticleState(new Measure(state.Measure.AmbientDim, state.Measure.Count));
    }

    /// <inheritdoc/>
    public void Rates(ParticleState y, ParticleState dydt)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(dydt);
        var nu = y.Measure;
        Rates(nu, ParticleWork.Fit(ref _work, nu), dydt.Measure.Mass, dydt.Measure.Points);
    }

    /// <summary>Clips negative masses at 0 and renormalises every position onto the sphere.</summary>
    public void Retract(ParticleState y)
    {
        ArgumentNullException.ThrowIfNull(y);
        var nu = y.Measure;
        var mass = nu.Mass;
        for (int j = 0; j < mass.Length; j++)
        {
            if (mass[j] < 0) ClippedMasses++;
            mass[j] = Math.Max(0, mass[j]);
        }
        for (int j = 0; j < nu.Count; j++) Sphere.Normalize(nu.Point(j));
    }

    /// <summary>
    /// Evaluates J and ∇_s J at the atoms of ν into <paramref name="work"/> and the rates into
    /// <paramref name="dMass"/> / <paramref name="dPoints"/> (either may be empty to skip). Returns F(ν).
    /// </summary>
    public double Rates(Measure nu, ParticleWork work, Span<double> dMass, Span<double> dPoints)
    {
        ArgumentNullException.ThrowIfNull(nu);
        ArgumentNullException.ThrowIfNull(work);
        Evaluations++;
        var lin = Objective.Linearize(nu);
        lin.Evaluate(nu.Points, work.J, work.GradS);
        work.Shift = Flow.Shift(nu.Mass, work.J);
        double a = Flow.Alpha, b = Flow.Beta, s = work.Shift;
        if (!dMass.IsEmpty)
            for (int j = 0; j < nu.Count; j++) dMass[j] = -a * nu.Mass[j] * (work.J[j] - s);
        if (!dPoints.IsEmpty)
            for (int q = 0; q < dPoints.Length; q++) dPoints[q] = -b * work.GradS[q];
        return lin.Energy;
    }
}

/// <summary>Buffers for one evaluation of the particle system: J and ∇_s J at the atoms, and the reaction shift.</summary>
public sealed class ParticleWork
{
    /// <summary>Allocates buffers for <paramref name="count"/> atoms in R^<paramref name="ambientDim"/>.</summary>
    public ParticleWork(int count, int ambientDim)
    {
        J = new double[count];
        GradS = new double[count * ambientDim];
    }

    /// <summary>J(η_j|ν).</summary>
    public double[] J { get; }

    /// <summary>∇_s J(η_j|ν), row-major.</summary>
    public double[] GradS { get; }

    /// <summary>Reaction shift s (J̄ for birth–death, else 0).</summary>
    public double Shift { get; set; }

    /// <summary>
    /// <paramref name="work"/> if its buffers fit the atoms of <paramref name="nu"/> (count and ambient dimension), else new
    /// buffers stored in it: one stepper or system may serve measures of different sizes.
    /// </summary>
    public static ParticleWork Fit(ref ParticleWork? work, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        if (work is null || work.J.Length != nu.Count || work.GradS.Length != nu.Points.Length) work = new ParticleWork(nu.Count, nu.AmbientDim);
        return work;
    }
}

using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// Split explicit Euler: masses by the exact exponential factor M ← M exp(−α (J − s) Δt) (the "conic" mirror step),
/// positions by a tangent Euler step followed by the retraction η ← (η − βΔt ∇_s J)/|·|. First order. For
/// birth–death the masses are renormalised to the previous total (exact conservation).
/// </summary>
public sealed class ExponentialEulerStepper : IParticleStepper
{
    private ParticleWork? _work;

    /// <inheritdoc/>
    public string Name => "euler";

    /// <inheritdoc/>
    public int Order => 1;

    /// <inheritdoc/>
    public OdeStep Step(ParticleDynamics dynamics, Measure state, double dt)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(state);
        var work = ParticleWork.Fit(ref _work, state);
        dynamics.Rates(state, work, Span<double>.Empty, Span<double>.Empty);
        var flow = dynamics.Flow;
        double before = flow.Kind == FlowKind.BirthDeath ? state.TotalMass : 0;
        for (int j = 0; j < state.Count; j++)
        {
            if (flow.Alpha != 0) state.Mass[j] *= Math.Exp(-flow.Alpha * (work.J[j] - work.Shift) * dt);
            var eta = state.Point(j);
            var g = work.GradS.AsSpan(j * state.AmbientDim, state.AmbientDim);
            for (int c = 0; c < eta.Length; c++) eta[c] -= flow.Beta * dt * g[c];
            Sphere.Normalize(eta);
        }
        if (flow.Kind == FlowKind.BirthDeath) MassRenormalization.Rescale(state.Mass, before);
        return new OdeStep(dt, 1, 0);
    }
}

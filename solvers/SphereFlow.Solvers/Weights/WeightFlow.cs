using SphereFlow.Flows;
using SphereFlow.Objectives;
using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Weights;

/// <summary>The w-flow as an ODE system in R^{m(d+1)}: dw/dt = −β m ∇_w F(ν(w)); no retraction (the weights live in a vector space).</summary>
/// <param name="objective">F.</param>
/// <param name="flow">The (lifted) flow: its β.</param>
/// <param name="weights">The weight state whose gradient scratch the evaluations use.</param>
public sealed class WeightFlow(IObjective objective, FlowSpec flow, WeightState weights) : IOdeSystem<VectorState>
{
    /// <inheritdoc/>
    public VectorState CreateLike(VectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new VectorState(new double[state.Values.Length]);
    }

    /// <inheritdoc/>
    public void Rates(VectorState y, VectorState dydt)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(dydt);
        var k = dydt.Values;
        weights.Gradient(objective, y.Values, k);
        for (int q = 0; q < k.Length; q++) k[q] *= -flow.Beta;
    }
}

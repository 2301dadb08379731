using SphereFlow.Flows;
using SphereFlow.Meshes;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// The step-size rule of <see cref="MeshSolver"/>: Δt = min(dtMax, safety · f / max_K r_K), where r_K is the upwind
/// outflow rate plus, for unsplit steppers only, the reaction decay rate α (J_K − s)⁺. The reported CFL number is
/// Δt · max outflow rate, so a first-order step that the bound limits reports exactly the safety factor.
/// </summary>
public class MeshSolverStepSizeTests
{
    [Fact]
    public void A_first_order_step_limited_by_the_bound_uses_safety_over_the_outflow_rate()
    {
        // J = 3 η_x on 48 arcs, β = 1, first order (f = 1), split stepper: the limit is 1 / max r_K and is finite.
        var s = new MeshSolver(new PrescribedPotential(2, eta => 3 * eta[0]), new FlowSpec(FlowKind.Wasserstein, 0, 1),
            UniformCircleMesh.Create(48), Enumerable.Repeat(1.0 / 48, 48).ToArray(), MeshSteppers.Create("lie"));
        double limit = s.PositivityLimit();
        Assert.True(double.IsFinite(limit) && limit > 0, $"positivity limit {limit}");
        // Independent of the code's bookkeeping: the largest face velocity is β max|∂_θ J| ≤ 3 and a cell of length
        // 2π/48 loses at most through both faces, so max r_K ≤ 2·3/(2π/48) and the limit is at least 2π/(48·6).
        Assert.True(limit >= 2 * Math.PI / (48 * 6) * (1 - 1e-12), $"positivity limit {limit} below the velocity bound");
        var r = s.Advance(1.0);
        Assert.Equal(0.9 * limit, r.Dt, 1e-15);
        Assert.Equal(0.9, r.Cfl, 1e-12);   // Δt · max r_K = safety · f, f = 1 (round-off only)
        Assert.Equal(0, r.Rejections);
    }

    [Fact]
    public void The_reaction_bounds_unsplit_steps_but_not_split_ones()
    {
        // J ≡ 1/2 (no transport), WFR α = 4: a forward-Euler stage of dM = −α J M stays ≥ 0 iff Δt ≤ 1/(α J) = 0.5.
        // SSPRK3 (unsplit) must respect it; Lie applies the reaction exactly and is not bounded by it.
        var flow = new FlowSpec(FlowKind.Wfr, 4, 1);
        MeshSolver Make(string stepper) => new(new PrescribedPotential(2, _ => 0.5), flow, UniformCircleMesh.Create(16),
            Enumerable.Repeat(1.0 / 16, 16).ToArray(), MeshSteppers.Create(stepper));
        var unsplit = Make("ssprk3");
        Assert.Equal(0.5, unsplit.PositivityLimit(), 1e-15);
        Assert.Equal(0.9 * 0.5, unsplit.Advance(1.0).Dt, 1e-15);
        Assert.Equal(double.PositiveInfinity, Make("lie").PositivityLimit());
        Assert.Equal(1.0, Make("lie").Advance(1.0).Dt);
    }
}

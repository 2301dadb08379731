using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Tests.RungeKutta;

/// <summary>Stage combination for a row of A whose coefficients are all zero (no bundled tableau has one).</summary>
public class RungeKuttaStagesTests
{
    private sealed class Decay : IOdeSystem<VectorState>
    {
        public VectorState CreateLike(VectorState state) => new(new double[state.Values.Length]);
        public void Rates(VectorState y, VectorState dydt) { for (int c = 0; c < y.Values.Length; c++) dydt.Values[c] = -y.Values[c]; }
    }

    /// <summary>
    /// c = (0, 0), A = ((), (0)), b = (1/2, 1/2): the second stage point is y itself, so k2 = k1 and one step is forward Euler,
    /// y(1 − h), to the last bit. A stage point left stale (not copied from y) gives k2 = 0 and y(1 − h/2).
    /// </summary>
    [Fact]
    public void A_stage_row_of_zeros_evaluates_at_the_start_point()
    {
        var tableau = new ButcherTableau("zero-row", 1, [0, 0], [[], [0]], [1, 1], 2).Validated();
        var y = new VectorState([1.0, -2.0]);
        new ExplicitRungeKutta<VectorState>("zero-row", tableau).Step(new Decay(), y, 0.25);
        var euler = new VectorState([1.0, -2.0]);
        new ExplicitRungeKutta<VectorState>("euler", ButcherTableaus.Euler).Step(new Decay(), euler, 0.25);
        Assert.Equal(euler.Values, y.Values);
        Assert.Equal([0.75, -1.5], y.Values);
    }
}

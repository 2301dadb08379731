namespace SphereFlow.Solvers.RungeKutta;

/// <summary>The Runge–Kutta coefficient tables used by the steppers (a new explicit method is one table here).</summary>
public static class ButcherTableaus
{
    /// <summary>Forward Euler: y + h f(y). First order.</summary>
    public static ButcherTableau Euler { get; } = new ButcherTableau("euler", 1, [0], [[]], [1]).Validated();

    /// <summary>The classical fourth-order method, weights (1, 2, 2, 1)/6.</summary>
    public static ButcherTableau Rk4 { get; } = new ButcherTableau("rk4", 4, [0, 0.5, 0.5, 1], [[], [0.5], [0, 0.5], [0, 0, 1]], [1, 2, 2, 1], 6).Validated();

    /// <summary>
    /// Dormand–Prince 5(4) (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner, table II.5.2): seven stages, first same as
    /// last, fifth-order solution with an embedded fourth-order estimate (local extrapolation).
    /// </summary>
    public static ButcherTableau DormandPrince54 { get; } = new ButcherTableau("dopri5", 5,
        [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1],
        [
            [],
            [1.0 / 5],
            [3.0 / 40, 9.0 / 40],
            [44.0 / 45, -56.0 / 15, 32.0 / 9],
            [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
            [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
            [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
        ],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0],
        ErrorWeights: [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40],
        EmbeddedOrder: 4).Validated();
}

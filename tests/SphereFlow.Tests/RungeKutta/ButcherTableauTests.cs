using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Tests.RungeKutta;

/// <summary>
/// The coefficient tables satisfy the Runge–Kutta order conditions of their stated order (Butcher trees up to order 5,
/// written out independently of the tables' own consistency check), the embedded Dormand–Prince solution those of order 4
/// and not 5, and the generic steppers show their orders on a linear system.
/// </summary>
public class ButcherTableauTests(ITestOutputHelper output)
{
    public static TheoryData<string> Tables => ["euler", "rk4", "dopri5"];

    private static ButcherTableau Get(string name) => name switch
    {
        "euler" => ButcherTableaus.Euler,
        "rk4" => ButcherTableaus.Rk4,
        _ => ButcherTableaus.DormandPrince54,
    };

    /// <summary>Residuals of the order conditions Σ b Φ(t) = 1/γ(t) for the rooted trees of each order (1, 1, 2, 4, 9 trees).</summary>
    private static List<(int Order, double Residual)> Conditions(double[] b, double[] c, double[][] a)
    {
        int s = b.Length;
        double A(int i, int j) => j < a[i].Length ? a[i][j] : 0;
        double Sum(Func<int, double> f) => Enumerable.Range(0, s).Sum(f);
        double Ac(int i, int p) => Sum(j => A(i, j) * Math.Pow(c[j], p));          // Σ_j a_ij c_j^p
        double AAc(int i) => Sum(j => A(i, j) * Ac(j, 1));                           // Σ_jk a_ij a_jk c_k
        var r = new List<(int, double)>
        {
            (1, Sum(i => b[i]) - 1),
            (2, Sum(i => b[i] * c[i]) - 1.0 / 2),
            (3, Sum(i => b[i] * c[i] * c[i]) - 1.0 / 3),
            (3, Sum(i => b[i] * Ac(i, 1)) - 1.0 / 6),
            (4, Sum(i => b[i] * Math.Pow(c[i], 3)) - 1.0 / 4),
            (4, Sum(i => b[i] * c[i] * Ac(i, 1)) - 1.0 / 8),
            (4, Sum(i => b[i] * Ac(i, 2)) - 1.0 / 12),
            (4, Sum(i => b[i] * AAc(i)) - 1.0 / 24),
            (5, Sum(i => b[i] * Math.Pow(c[i], 4)) - 1.0 / 5),
            (5, Sum(i => b[i] * c[i] * c[i] * Ac(i, 1)) - 1.0 / 10),
            (5, Sum(i => b[i] * c[i] * Ac(i, 2)) - 1.0 / 15),
            (5, Sum(i => b[i] * c[i] * AAc(i)) - 1.0 / 30),
            (5, Sum(i => b[i] * Ac(i, 1) * Ac(i, 1)) - 1.0 / 20),
            (5, Sum(i => b[i] * Ac(i, 3)) - 1.0 / 20),
            (5, Sum(i => b[i] * Sum(j => A(i, j) * c[j] * Ac(j, 1))) - 1.0 / 40),
            (5, Sum(i => b[i] * Sum(j => A(i, j) * Ac(j, 2))) - 1.0 / 60),
            (5, Sum(i => b[i] * Sum(j => A(i, j) * AAc(j))) - 1.0 / 120),
        };
        return r;
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Tables_satisfy_the_order_conditions_of_their_order_and_not_the_next(string name)
    {
        var t = Get(name);
        var b = t.B.Select(x => x / t.BDivisor).ToArray();
        var r = Conditions(b, t.C, t.A);
        foreach (var (order, res) in r.Where(x => x.Order <= t.Order)) Assert.True(Math.Abs(res) < 1e-14, $"{name}: order-{order} condition off by {res:E2}");
        // The order is exact: some condition of the next order fails (else the stated order undersells the method).
        if (t.Order < 5) Assert.Contains(r, x => x.Order == t.Order + 1 && Math.Abs(x.Residual) > 1e-6);
        // Row sums: c_i = Σ_j a_ij (the stage is at time t + c_i h).
        for (int i = 0; i < t.Stages; i++) Assert.Equal(t.C[i], t.A[i].Sum(), 14);
    }

    [Fact]
    public void The_embedded_dormand_prince_solution_has_order_four_exactly()
    {
        var t = ButcherTableaus.DormandPrince54;
        var bHat = t.B.Zip(t.ErrorWeights!, (b, e) => b - e).ToArray();
        var r = Conditions(bHat, t.C, t.A);
        foreach (var (order, res) in r.Where(x => x.Order <= 4)) Assert.True(Math.Abs(res) < 1e-14, $"b̂: order-{order} condition off by {res:E2}");
        Assert.Contains(r, x => x.Order == 5 && Math.Abs(x.Residual) > 1e-6);
        Assert.True(t.FirstSameAsLast);
    }

    /// <summary>y' = L y for a rotation-plus-decay matrix L in R^4; exact solution by the matrix exponential (eigen-pairs in closed form).</summary>
    private sealed class Linear : IOdeSystem<VectorState>
    {
        public int Evaluations { get; private set; }
        public VectorState CreateLike(VectorState state) => new(new double[state.Values.Length]);
        public void Rates(VectorState y, VectorState dydt)
        {
            Evaluations++;
            var v = y.Values; var d = dydt.Values;
            d[0] = -0.5 * v[0] - 2 * v[1]; d[1] = 2 * v[0] - 0.5 * v[1];   // decaying rotation at rate 2
            d[2] = -1.5 * v[2]; d[3] = -0.1 * v[3];
        }

        public static double[] Exact(double t) =>
            [Math.Exp(-0.5 * t) * Math.Cos(2 * t), Math.Exp(-0.5 * t) * Math.Sin(2 * t), Math.Exp(-1.5 * t), Math.Exp(-0.1 * t)];
    }

    private static double Error(IOdeStepper<VectorState> stepper, double dt, double tEnd, out int evaluations)
    {
        var sys = new Linear();
        var y = new VectorState([1, 0, 1, 1]);
        double t = 0;
        while (tEnd - t > 1e-12) t += stepper.Step(sys, y, Math.Min(dt, tEnd - t)).Dt;
        evaluations = sys.Evaluations;
        return y.Values.Zip(Linear.Exact(tEnd), (a, b) => Math.Abs(a - b)).Max();
    }

    [Theory]
    [InlineData("euler", 1)]
    [InlineData("rk4", 4)]
    [InlineData("dopri5", 5)]
    public void Fixed_step_methods_converge_at_their_order(string name, int order)
    {
        var t = Get(name);
        double dt = order == 1 ? 0.01 : 0.1;
        double e1 = Error(new ExplicitRungeKutta<VectorState>(name, t), dt, 2, out _);
        double e2 = Error(new ExplicitRungeKutta<VectorState>(name, t), dt / 2, 2, out _);
        double p = Math.Log2(e1 / e2);
        output.WriteLine($"{name}: errors {e1:E3}, {e2:E3}: observed order {p:F2}");
        // Pre-asymptotic error constants lift the observed rate a little above p at these steps; order p + 1 would show ≈ p + 1.
        Assert.InRange(p, order - 0.2, order + 0.5);
    }

    [Fact]
    public void The_adaptive_stepper_meets_its_tolerance_with_fewer_evaluations_than_rk4_at_equal_error()
    {
        const double tol = 1e-9, tEnd = 5;
        var adaptive = new EmbeddedRungeKutta<VectorState>("adaptive", ButcherTableaus.DormandPrince54, tol);
        double err = Error(adaptive, tEnd, tEnd, out int evals);
        // Each accepted step's local error is ≤ tol·(1 + |y|) ≤ 2 tol in RMS; this system contracts, so the global error is at
        // most the sum over the accepted steps: evaluations/6 steps at most.
        Assert.True(err <= 2 * tol * (evals / 6.0), $"error {err:E2} after {evals} evaluations");
        double dt = 0.5;
        int rkEvals;
        while (Error(new ExplicitRungeKutta<VectorState>("rk4", ButcherTableaus.Rk4), dt, tEnd, out rkEvals) > err) dt /= 2;
        output.WriteLine($"adaptive: error {err:E2}, {evals} evaluations; rk4 needs dt = {dt} ({rkEvals} evaluations)");
        Assert.True(evals < rkEvals);
    }
}

using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Core;

/// <summary>
/// The objectives (<see cref="NetworkObjective"/>, <see cref="GaussianPopulationObjective"/>, <see cref="LinearPotential"/>
/// and its closed-form solution) against independent computations, written against the survivors of the session-5 Stryker
/// run on <c>src/SphereFlow/Objectives</c> (mutation/README.md):
/// <list type="bullet">
/// <item>the prediction on each of its parallel paths (blocks of data points; chunks of atoms), against a plain double loop
/// over the ReLU formula;</item>
/// <item>J and ∇_s J at many points at once, against the same points one at a time and the closed-form gradient;</item>
/// <item>the reused linearisation (online SGD) against a fresh one; two fresh linearisations independent of each other;</item>
/// <item>zero vectors in the arc-cosine kernel (an atom at the pole a = ±1, b = 0);</item>
/// <item>F of the linear potential, and the closed-form characteristics at their fixed points and for β ≠ 1 against an
/// RK4 integration of the ODE;</item>
/// <item>every argument check, with the culprit named.</item>
/// </list>
/// <para>
/// Tolerances: the library sums the same terms as the reference loops in other orders, so they differ by a few ε times the
/// sum of absolute values of the terms (at most 5000 terms here: ≲ 1e-12 relative to that sum); 1e-11 of it leaves a
/// factor 10. A dropped term, a wrong slice or a stale buffer misses by the size of a term, orders of magnitude more.
/// </para>
/// </summary>
public class ObjectiveContractTests
{
    private const double SumTolerance = 1e-11;

    /// <summary>n points x ∈ R^k with y and uniform weights.</summary>
    private static WeightedData Data(int n, int k, int seed)
    {
        var rng = new Random(seed);
        var x = new double[n * k];
        for (int q = 0; q < x.Length; q++) x[q] = 2 * rng.NextDouble() - 1;
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = rng.NextDouble() - 0.5;
        return new WeightedData(k, x, y, Enumerable.Repeat(1.0 / n, n).ToArray());
    }

    private static Measure Atoms(int m, int dim, int seed)
    {
        var rng = new Random(seed);
        var nu = new Measure(dim, m);
        for (int j = 0; j < m; j++)
        {
            nu.Mass[j] = rng.Next(20) == 0 ? 0 : rng.NextDouble();
            var p = nu.Point(j);
            for (int c = 0; c < dim; c++) p[c] = 2 * rng.NextDouble() - 1;
            Sphere.Normalize(p);
        }
        return nu;
    }

    /// <summary>Ψ(η)(x_i) = a·max(0, b·x_i + c) for η = (a, b, c) (relu-bias), or a·max(0, b·x_i) (relu), by hand.</summary>
    private static double Neuron(ReadOnlySpan<double> eta, WeightedData data, int i, bool bias)
    {
        int k = data.InputDim;
        double s = bias ? eta[k + 1] : 0;
        for (int c = 0; c < k; c++) s += eta[1 + c] * data.X[c * data.Count + i];
        return eta[0] * Math.Max(0, s);
    }

    /// <summary>
    /// h(x_i) = Σ_j M_j Ψ(η_j)(x_i) on both parallel paths of the per-atom prediction: many data points in blocks (n = 1200,
    /// so the blocks start past 0) and few data points with atoms in chunks of 2048 (m = 5000). Also F = Σ ω ℓ + λ M.
    /// </summary>
    [Theory]
    [InlineData(1200, 40)]
    [InlineData(20, 5000)]
    [InlineData(7, 3)]
    public void Prediction_and_energy_match_the_plain_sum_on_every_parallel_path(int n, int m)
    {
        const int k = 3;
        var data = Data(n, k, n + m);
        var nu = Atoms(m, k + 2, m);
        var objective = new NetworkObjective(data, new ReluBiasFeatures(k), new SquareLoss(), lambda: 0.25);
        var h = objective.Predict(nu);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0, abs = 0;
            for (int j = 0; j < m; j++)
            {
                double t = nu.Mass[j] * Neuron(nu.Point(j), data, i, bias: true);
                sum += t; abs += Math.Abs(t);
            }
            Assert.True(Math.Abs(h[i] - sum) <= SumTolerance * abs + 1e-300, $"h[{i}] = {h[i]:R}, plain sum {sum:R}");
            loss += data.Weights[i] * 0.5 * (sum - data.Y[i]) * (sum - data.Y[i]);
        }
        double f = loss + 0.25 * nu.TotalMass;
        Assert.Equal(f, objective.Linearize(nu).Energy, 1e-10 * Math.Max(1, Math.Abs(f)));
    }

    /// <summary>
    /// J and ∇_s J at 300 points in one call equal the same points one call each (bit for bit: each point's arithmetic is
    /// the same, so a buffer carried from one point to the next shows), ∇_s J is tangent, and it equals the projection of the
    /// closed-form Euclidean gradient Σ_i g_i ∇_η[a·max(0, b·x_i + c)] (per-atom path of <see cref="NetworkObjective"/>).
    /// </summary>
    [Fact]
    public void Network_first_variation_at_many_points_matches_one_point_at_a_time_and_the_closed_form()
    {
        const int k = 3, dim = k + 2, count = 300;
        var data = Data(200, k, 5);
        var objective = new NetworkObjective(data, new ReluBiasFeatures(k), new SquareLoss(), lambda: 0.1);
        var lin = (NetworkLinearization)objective.Linearize(Atoms(30, dim, 6));
        var points = Atoms(count, dim, 7).Points.ToArray();
        var (j, grad) = AllAtOnce(lin, points, count, dim);
        for (int p = 0; p < count; p++)
        {
            var eta = points.AsSpan(p * dim, dim);
            var (j1, g1) = AllAtOnce(lin, eta.ToArray(), 1, dim);
            Assert.Equal(j1[0], j[p]);
            Assert.Equal(g1, grad.AsSpan(p * dim, dim).ToArray());
            // closed form
            double jRef = 0.1, abs = 0;
            var gRef = new double[dim];
            for (int i = 0; i < data.Count; i++)
            {
                double gi = lin.Residual[i], s = eta[k + 1];
                for (int c = 0; c < k; c++) s += eta[1 + c] * data.X[c * data.Count + i];
                jRef += gi * eta[0] * Math.Max(0, s);
                abs += Math.Abs(gi) * (Math.Abs(s) + 1);
                if (s <= 0) continue;
                gRef[0] += gi * s;
                for (int c = 0; c < k; c++) gRef[1 + c] += gi * eta[0] * data.X[c * data.Count + i];
                gRef[k + 1] += gi * eta[0];
            }
            Sphere.ProjectTangent(eta, gRef);
            Assert.True(Math.Abs(j[p] - jRef) <= SumTolerance * abs, $"J at point {p}");
            for (int c = 0; c < dim; c++)
                Assert.True(Math.Abs(grad[p * dim + c] - gRef[c]) <= SumTolerance * abs * 4, $"∇_s J at point {p}, coordinate {c}");
            Assert.True(Math.Abs(Sphere.Dot(eta, grad.AsSpan(p * dim, dim))) <= 1e-13 * (1 + abs), "∇_s J is not tangent");
        }
    }

    private static (double[] J, double[] Grad) AllAtOnce(Linearization lin, double[] points, int count, int dim)
    {
        var j = new double[count];
        var grad = new double[count * dim];
        lin.Evaluate(points, j, grad);
        return (j, grad);
    }

    /// <summary>
    /// The population objective's J and ∇_s J at many points in one call equal one point at a time bit for bit (the
    /// per-point gradient buffer must start from zero at every point), and ∇_s J is tangent.
    /// </summary>
    [Fact]
    public void Population_first_variation_at_many_points_matches_one_point_at_a_time()
    {
        const int k = 3, dim = k + 1, count = 200;
        var objective = new GaussianPopulationObjective(TeacherNetwork.Random(k, 3, seed: 2), lambda: 0.05);
        var lin = objective.Linearize(Atoms(12, dim, 3));
        var points = Atoms(count, dim, 4).Points.ToArray();
        var (j, grad) = AllAtOnce(lin, points, count, dim);
        for (int p = 0; p < count; p++)
        {
            var (j1, g1) = AllAtOnce(lin, points.AsSpan(p * dim, dim).ToArray(), 1, dim);
            Assert.Equal(j1[0], j[p]);
            Assert.Equal(g1, grad.AsSpan(p * dim, dim).ToArray());
            Assert.True(Math.Abs(Sphere.Dot(points.AsSpan(p * dim, dim), g1)) <= 1e-13, $"∇_s J not tangent at point {p}");
        }
    }

    /// <summary>
    /// An atom at the pole η = (±1, 0, …, 0) has b = 0, a zero vector in the arc-cosine kernel κ(b, u), which is 0 (and has
    /// zero gradient) by the convention 1[0 &gt; 0] = 0 whichever side the zero vector is on; F and J stay finite.
    /// </summary>
    [Fact]
    public void Arc_cosine_kernel_is_zero_at_a_zero_vector_on_either_side()
    {
        double[] u = [0.6, -0.8, 0], zero = [0, 0, 0];
        Assert.Equal(0.0, GaussianPopulationObjective.Kernel(u, 1, zero, 0));
        Assert.Equal(0.0, GaussianPopulationObjective.Kernel(zero, 0, u, 1));
        var grad = new double[] { 1, 2, 3 };
        Assert.Equal(0.0, GaussianPopulationObjective.KernelAndGradient(u, 1, zero, 0, 1.0, grad));
        Assert.Equal(0.0, GaussianPopulationObjective.KernelAndGradient(zero, 0, u, 1, 1.0, grad));
        Assert.Equal(new double[] { 1, 2, 3 }, grad);

        var objective = new GaussianPopulationObjective(TeacherNetwork.Random(3, 2, seed: 9), lambda: 0);
        var nu = Atoms(5, 4, 10);
        nu.Point(2).Clear(); nu.Point(2)[0] = 1;   // a pole
        var lin = objective.Linearize(nu);
        Assert.True(double.IsFinite(lin.Energy));
        var (j, g) = AllAtOnce(lin, nu.Points.ToArray(), nu.Count, 4);
        Assert.All(j, v => Assert.True(double.IsFinite(v)));
        Assert.All(g, v => Assert.True(double.IsFinite(v)));
    }

    /// <summary>
    /// The reused linearisation of online SGD (<see cref="NetworkObjective.ReuseLinearization"/>) holds the same F, data term,
    /// prediction and J as a fresh one, with λ ≠ 0 so that the mass term shows; and without reuse, a second linearisation
    /// leaves the first untouched (RK stages hold several at once).
    /// </summary>
    [Fact]
    public void Reused_linearisation_equals_a_fresh_one_and_fresh_ones_are_independent()
    {
        const int k = 3;
        var data = Data(50, k, 11);
        var fresh = new NetworkObjective(data, new ReluBiasFeatures(k), new SquareLoss(), lambda: 0.3);
        var reusing = new NetworkObjective(data, new ReluBiasFeatures(k), new SquareLoss(), lambda: 0.3) { ReuseLinearization = true };
        var nu1 = Atoms(8, k + 2, 12);
        var nu2 = Atoms(8, k + 2, 13);
        var probe = Atoms(1, k + 2, 14).Point(0).ToArray();

        var a = (NetworkLinearization)fresh.Linearize(nu1);
        double energy = a.Energy, dataTerm = a.DataTerm, j = a.At(probe);
        var prediction = (double[])a.Prediction.Clone();
        var r = (NetworkLinearization)reusing.Linearize(nu1);
        Assert.Equal(energy, r.Energy);
        Assert.Equal(dataTerm, r.DataTerm);
        Assert.Equal(prediction, r.Prediction);
        Assert.Equal(j, r.At(probe));
        Assert.Equal(dataTerm + 0.3 * nu1.TotalMass, energy, 1e-15);

        var b = fresh.Linearize(nu2);
        Assert.NotEqual(energy, b.Energy);
        Assert.Equal(energy, a.Energy);
        Assert.Equal(prediction, a.Prediction);
        Assert.Equal(j, a.At(probe));
        var r2 = (NetworkLinearization)reusing.Linearize(nu2);
        Assert.Same(r, r2);   // reuse means reuse: the buffers hold the previous prediction, which must not leak into this one
        Assert.Equal(b.Energy, r2.Energy);
        Assert.Equal(((NetworkLinearization)b).Prediction, r2.Prediction);
    }

    /// <summary>
    /// The blocked ReLU kernel pads the atoms to a multiple of the micro-kernel's rows and rents its weight buffer from the
    /// shared pool, which hands back whatever an earlier user left there. A NaN left in a pooled array must not reach the
    /// prediction through a padded atom (its product row is zero, but NaN · 0 = NaN): the buffer has to be cleared. The pool
    /// returns the array just given back to it on the same thread, so poisoning it first makes the test deterministic.
    /// </summary>
    [Fact]
    public void Blocked_prediction_does_not_trust_pooled_buffers()
    {
        int k = ReluFeatures.BlockedMinInputDim;
        var data = Data(40, k, 21);
        var objective = new NetworkObjective(data, new ReluFeatures(k), new SquareLoss(), 0);
        Assert.NotNull(objective.Kernel);
        var nu = Atoms(1, k + 1, 22);
        nu.Mass[0] = 0.5;
        PoisonedPool.Poison();
        var h = objective.Predict(nu);
        for (int i = 0; i < data.Count; i++)
        {
            double expected = 0.5 * Neuron(nu.Point(0), data, i, bias: false);
            Assert.True(Math.Abs(h[i] - expected) <= 1e-12 * (1 + Math.Abs(expected)), $"h[{i}] = {h[i]:R}, expected {expected:R}");
        }
    }

    /// <summary>
    /// A warm evaluation of J at many points hands its pooled copies (points, values, gradients) back to the pool: on the calling
    /// thread it allocates less than a tenth of one copy of the points (a closure and the parallel loop's bookkeeping). A copy
    /// kept instead of returned is allocated again on every call (the least of three calls is taken, so a pool trimmed by a
    /// collection in between cannot fail the test).
    /// </summary>
    [Fact]
    public void Warm_evaluation_at_many_points_returns_its_pooled_buffers()
    {
        var objective = new NetworkObjective(Data(20, 3, 4), new ReluBiasFeatures(3), new SquareLoss(), 0);
        var lin = objective.Linearize(Atoms(5, 5, 6));
        const int count = 4000;   // 20000 coordinates: 160 KB per copy of the points, 32 KB of values
        var points = Atoms(count, 5, 7).Points;
        var j = new double[count];
        var g = new double[points.Length];
        lin.Evaluate(points, j, g);   // warm-up
        long least = ThreadAllocation.Least(() => lin.Evaluate(points, j, g));
        Assert.True(least < points.Length * sizeof(double) / 10, $"a warm evaluation allocated {least} bytes");
    }

    /// <summary>Which algorithm sums over atoms and data, as the reports name it.</summary>
    [Fact]
    public void Kernel_path_names_the_algorithm_in_use()
    {
        var blocked = new NetworkObjective(Data(30, ReluFeatures.BlockedMinInputDim, 1), new ReluFeatures(ReluFeatures.BlockedMinInputDim),
                                           new SquareLoss(), 0);
        Assert.NotNull(blocked.Kernel);
        Assert.Equal(blocked.Kernel!.Path, blocked.KernelPath);
        Assert.StartsWith("blocked", blocked.KernelPath);
        var pairwise = new NetworkObjective(Data(30, 3, 1), new ReluBiasFeatures(3), new SquareLoss(), 0);
        Assert.Null(pairwise.Kernel);
        Assert.StartsWith("pairwise", pairwise.KernelPath);
    }

    /// <summary>F(ν) = Σ_j M_j (c·η_j + λ) for the linear potential, with λ ≠ 0 and masses that do not sum to 1.</summary>
    [Fact]
    public void Linear_potential_energy_is_the_integral_of_the_potential()
    {
        double[] c = [0.5, -1.5, 2.0];
        var nu = Atoms(9, 3, 15);
        double f = 0;
        for (int j = 0; j < nu.Count; j++) f += nu.Mass[j] * (c[0] * nu.Point(j)[0] + c[1] * nu.Point(j)[1] + c[2] * nu.Point(j)[2] - 0.7);
        Assert.Equal(f, new LinearPotential(c, -0.7).Linearize(nu).Energy, 1e-14);
    }

    /// <summary>
    /// At the fixed points η₀ = ∓ĉ the characteristic does not move and the mass is M₀ exp(−α(c·η₀ + λ)t) exactly, at
    /// the antipode −ĉ… and at ĉ itself, where the great circle to −ĉ is not unique.
    /// </summary>
    [Theory]
    [InlineData(-1.0)]
    [InlineData(1.0)]
    public void Linear_potential_solution_rests_at_its_fixed_points(double side)
    {
        double[] c = [0, 0, 2.0];
        double[] eta0 = [0, 0, side];
        var eta = new double[3];
        double mass = LinearPotentialSolution.Advance(c, 0.3, alpha: 4, beta: 1, eta0, 1.5, t: 0.7, eta);
        Assert.Equal(eta0, eta);
        Assert.Equal(1.5 * Math.Exp(-4 * (2 * side + 0.3) * 0.7), mass, 1e-14);
    }

    /// <summary>
    /// The closed form against an independent RK4 integration of the characteristic ODE dη/dt = −β (c − (c·η) η),
    /// d ln M/dt = −α (c·η + λ), for β ≠ 1 and λ ≠ 0 (with β = 1 a mistaken β-power or β-factor cancels). RK4 with 20000
    /// steps over t = 2 has error ≈ (Δt)⁴ · O(|c|⁵ β⁵) ≈ 1e-13 here; 1e-9 is far above that and far below a wrong exponent.
    /// </summary>
    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(2.5, 0.4)]
    public void Linear_potential_solution_agrees_with_an_integration_of_its_ode(double beta, double alpha)
    {
        double[] c = [0.3, -0.9, 0.5];
        const double lambda = -0.2, t = 2.0;
        double[] eta0 = [0.6, 0.0, 0.8];
        var eta = new double[3];
        double mass = LinearPotentialSolution.Advance(c, lambda, alpha, beta, eta0, 1.25, t, eta);

        const int steps = 20000;
        double h = t / steps;
        var y = new double[] { eta0[0], eta0[1], eta0[2], Math.Log(1.25) };
        double[] Rate(double[] s)
        {
            double cs = c[0] * s[0] + c[1] * s[1] + c[2] * s[2];
            return [-beta * (c[0] - cs * s[0]), -beta * (c[1] - cs * s[1]), -beta * (c[2] - cs * s[2]), -alpha * (cs + lambda)];
        }
        double[] Axpy(double[] s, double a, double[] d) => [s[0] + a * d[0], s[1] + a * d[1], s[2] + a * d[2], s[3] + a * d[3]];
        for (int s = 0; s < steps; s++)
        {
            var k1 = Rate(y); var k2 = Rate(Axpy(y, h / 2, k1)); var k3 = Rate(Axpy(y, h / 2, k2)); var k4 = Rate(Axpy(y, h, k3));
            for (int q = 0; q < 4; q++) y[q] += h / 6 * (k1[q] + 2 * k2[q] + 2 * k3[q] + k4[q]);
        }
        for (int q = 0; q < 3; q++) Assert.Equal(y[q], eta[q], 1e-9);
        Assert.Equal(Math.Exp(y[3]), mass, 1e-9 * Math.Exp(y[3]));
    }

    /// <summary>Every argument check of the objectives, with the culprit named (parameter name, or the key in the message).</summary>
    [Fact]
    public void Argument_checks_name_the_culprit()
    {
        var data = Data(10, 3, 1);
        var features = new ReluBiasFeatures(3);
        var loss = new SquareLoss();
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => new NetworkObjective(null!, features, loss, 0)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentNullException>(() => new NetworkObjective(data, null!, loss, 0)).ParamName);
        Assert.Equal("loss", Assert.Throws<ArgumentNullException>(() => new NetworkObjective(data, features, null!, 0)).ParamName);
        Assert.Contains("relu-bias", Assert.Throws<ArgumentException>(() => new NetworkObjective(Data(10, 2, 1), features, loss, 0)).Message);
        foreach (double bad in new[] { -1, double.NaN, double.PositiveInfinity })
        {
            Assert.Contains("lambda", Assert.Throws<ArgumentException>(() => new NetworkObjective(data, features, loss, bad)).Message);
            Assert.Contains("lambda", Assert.Throws<ArgumentException>(() => new GaussianPopulationObjective(TeacherNetwork.Random(3, 2, 1), bad)).Message);
        }

        var objective = new NetworkObjective(data, features, loss, 0);
        var nu = Atoms(4, 5, 2);
        Assert.Equal("nu", Assert.Throws<ArgumentNullException>(() => objective.PredictInto(null!, new double[10])).ParamName);
        Assert.Equal("h", Assert.Throws<ArgumentNullException>(() => objective.PredictInto(nu, null!)).ParamName);
        Assert.Contains("R^4", Assert.Throws<ArgumentException>(() => objective.PredictInto(Atoms(4, 4, 2), new double[10])).Message);
        Assert.Contains("length", Assert.Throws<ArgumentException>(() => objective.PredictInto(nu, new double[9])).Message);
        Assert.Equal("nu", Assert.Throws<ArgumentNullException>(() => objective.Linearize(null!)).ParamName);
        Assert.Equal("h", Assert.Throws<ArgumentNullException>(() => objective.LinearizeAt(null!, 1)).ParamName);

        // J: point and gradient buffers of the wrong length, on the per-atom path and on the whole-measure kernel path.
        var blocked = new NetworkObjective(Data(10, 8, 1), new ReluFeatures(8), loss, 0);
        foreach (var (lin, dim) in new[] { (objective.Linearize(nu), 5), (blocked.Linearize(Atoms(4, 9, 3)), 9),
                                            (new GaussianPopulationObjective(TeacherNetwork.Random(3, 2, 1), 0).Linearize(Atoms(4, 4, 3)), 4) })
        {
            Assert.Contains("lengths", Assert.Throws<ArgumentException>(() => lin.Evaluate(new double[2 * dim], new double[3], Span<double>.Empty)).Message);
            Assert.Contains("gradient", Assert.Throws<ArgumentException>(() => lin.Evaluate(new double[2 * dim], new double[2], new double[dim])).Message);
        }

        Assert.Equal("teacher", Assert.Throws<ArgumentNullException>(() => new GaussianPopulationObjective(null!, 0)).ParamName);
        var population = new GaussianPopulationObjective(TeacherNetwork.Random(3, 2, 1), 0);
        Assert.Equal("nu", Assert.Throws<ArgumentNullException>(() => population.Linearize(null!)).ParamName);
        Assert.Contains("R^5", Assert.Throws<ArgumentException>(() => population.Linearize(Atoms(3, 5, 1))).Message);

        Assert.Equal("c", Assert.Throws<ArgumentNullException>(() => new LinearPotential(null!, 0)).ParamName);
        Assert.Contains("dimension", Assert.Throws<ArgumentException>(() => new LinearPotential([1.0], 0)).Message);
        Assert.Equal("nu", Assert.Throws<ArgumentNullException>(() => new LinearPotential([1.0, 0], 0).Linearize(null!)).ParamName);

        Assert.Equal("kernel", Assert.Throws<ArgumentNullException>(() => NullKernel.Run()).ParamName);
    }

    /// <summary>A linearisation that hands the shared pointwise driver no kernel.</summary>
    private sealed class NullKernel : Linearization
    {
        public override double Energy => 0;
        public override void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS)
            => EvaluatePointwise(2, points, j, gradS, 1, 0, null!);
        public static void Run() => new NullKernel().Evaluate(new double[2], new double[1], Span<double>.Empty);
    }
}

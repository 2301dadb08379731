using System.Globalization;
using System.Text.Json;
using SphereFlow.Certificates;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.IO;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Certificates;

/// <summary>
/// The optimality certificate F(ν) − F* ≤ ∫J dν − min(0, LB)·F/λ (DESIGN §1) is a bound only with a rigorous LB: it is never below
/// the true gap on problems whose optimum is known, and a stationary but non-optimal measure in ambient dimension 5 (where no
/// rigorous bound is computed) is not certified.
/// </summary>
public class CertificateTests(ITestOutputHelper output)
{
    private static readonly FlowSpec Wfr = new(FlowKind.Wfr, 4, 1);

    // ---------- A stationary, non-optimal measure on S^4 ----------

    /// <summary>
    /// von Mises data on S^4 (κ = 4) from two spikes of weight 1 at ±e₀, observed at points invariant under the sign flips of
    /// coordinates 1..4, λ = 0.01. ν = M δ_{e₀} with M chosen so that J(e₀) = 0: by the symmetry ∇_sJ(e₀) = 0 too, so ν is a
    /// stationary point of the WFR flow (dM/dt = −αMJ = 0, dη/dt = −β∇_sJ = 0), but it misses the spike at −e₀, where J &lt; 0.
    /// </summary>
    internal static (NetworkObjective Objective, Measure Nu, Measure Better) StationaryOnS4()
    {
        const int dim = 5;
        var rows = new List<double[]>();
        double[] phis = [0, 0.35, 0.8, 1.2, 1.57, 1.95, 2.4, 2.8, Math.PI];
        double[][] dirs = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 1, 0, 0], [0, 1, 0, 1], [1, 1, 1, 1], [1, 0, 1, 1], [2, 1, 0, 1]];
        foreach (double phi in phis)
            foreach (var d in dirs)
            {
                double nd = Math.Sqrt(d.Sum(v => v * v));
                for (int flips = 0; flips < 16; flips++)
                {
                    var p = new double[dim];
                    p[0] = Math.Cos(phi);
                    for (int c = 0; c < 4; c++) p[c + 1] = Math.Sin(phi) * d[c] / nd * (((flips >> c) & 1) == 1 ? -1 : 1);
                    if (!rows.Any(r => r.Zip(p).All(z => Math.Abs(z.First - z.Second) < 1e-12))) rows.Add(p);
                }
            }
        int n = rows.Count;
        var f = new VonMisesFeatures(4, 4.0);
        var data = WeightedData.FromRows(dim, rows.SelectMany(r => r).ToArray(), new double[n], Enumerable.Repeat(1.0 / n, n).ToArray());
        double[] e0 = [1, 0, 0, 0, 0], m0 = [-1, 0, 0, 0, 0];
        var plus = new double[n];
        var minus = new double[n];
        f.Evaluate(e0, data.View, plus);
        f.Evaluate(m0, data.View, minus);
        var y = plus.Zip(minus, (a, b) => a + b).ToArray();
        const double lambda = 0.01;
        var objective = new NetworkObjective(data.WithTargets(y), f, new SquareLoss(), lambda);
        // J(e₀) = Σ ω (M f − y) f + λ = 0.
        double sff = 0, syf = 0;
        for (int i = 0; i < n; i++) { sff += plus[i] * plus[i] / n; syf += y[i] * plus[i] / n; }
        double mass = (syf - lambda) / sff;
        var nu = new Measure(dim, [mass], (double[])e0.Clone());
        var better = new Measure(dim, [mass, mass], [.. e0, .. m0]);
        return (objective, nu, better);
    }

    [Fact]
    public void A_stationary_but_non_optimal_measure_in_ambient_dimension_5_is_not_certified()
    {
        var (objective, nu, better) = StationaryOnS4();
        var lin = objective.Linearize(nu);
        var j = new double[1];
        var g = new double[5];
        lin.Evaluate(nu.Points, j, g);
        Assert.True(Math.Abs(j[0]) < 1e-14 && Sphere.Norm(g) < 1e-14, $"not stationary: J = {j[0]:E2}, |∇J| = {Sphere.Norm(g):E2}");
        double trueGapAtLeast = lin.Energy - objective.Linearize(better).Energy;   // F* ≤ F(better)
        Assert.True(trueGapAtLeast > 1e-3, "the fixture is meant to be far from optimal");

        // The solvers' diagnostics with the case defaults for ambient dimension 5 (64 stratified probes).
        var probes = SphereFlow.Solvers.Initialization.ParticleInitialMeasures.Stratified(5, 64, 1.0, 12345).Points;
        var snap = MeasureDiagnostics.Compute(objective, Wfr, nu, objective.Lambda, probes);
        output.WriteLine($"true gap ≥ {trueGapAtLeast:E3}; gap bound {snap.GapBound}, min J estimate {snap.MinJ:E3}, lower bound {snap.MinJLowerBound}");
        Assert.True(double.IsNaN(snap.GapBound) || snap.GapBound >= trueGapAtLeast,
            $"certified gap {snap.GapBound:E3} below the true gap ≥ {trueGapAtLeast:E3}");
        Assert.True(double.IsNaN(snap.MinJLowerBound), "a rigorous bound was claimed on S^4, where none is derived");
        // The estimate (probes plus local descent) still sees the missed spike: it reaches at least half of J(−e₀) < 0.
        double jMinus = lin.At([-1, 0, 0, 0, 0]);
        Assert.True(snap.MinJ < 0.5 * jMinus, $"the estimate {snap.MinJ:E3} missed the negative J(−e₀) = {jMinus:E3}");
    }

    [Fact]
    public void Run_outputs_of_an_uncertified_measure_say_estimate_and_carry_no_bound()
    {
        var (objective, nu, _) = StationaryOnS4();
        string dir = CliRunner.TempDir();
        var d = objective.Data;
        var header = Enumerable.Range(0, 5).Select(c => $"x{c}").Append("y").Append("weight");
        File.WriteAllLines(Path.Combine(dir, "data.csv"), [string.Join(",", header),
            .. Enumerable.Range(0, d.Count).Select(i => string.Join(",", Enumerable.Range(0, 5).Select(c => d[i, c]).Append(d.Y[i]).Append(d.Weights[i])
                .Select(v => v.ToString("R", CultureInfo.InvariantCulture))))]);
        MeasureCsv.Write(Path.Combine(dir, "init.csv"), nu);
        File.WriteAllText(Path.Combine(dir, "case.yaml"), """
            problem: { features: vonmises, kappa: 4, loss: square, lambda: 0.01, data: { kind: csv, path: data.csv } }
            flow: { kind: wfr, alpha: 4, beta: 1 }
            solver: { kind: particles, m: 1, init: { kind: csv, path: init.csv }, stepper: rk4, dt: 0.01, t_end: 0.02 }
            output: { every: 1 }
            """);
        var r = CliRunner.Run(dir, "run", "case.yaml", "--out", "out", "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        var root = summary.RootElement;
        Assert.StartsWith("estimate only", root.GetProperty("min_J").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("final_gap_bound").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("final_min_J_lower_bound").ValueKind);
        Assert.True(root.GetProperty("final_min_J_estimate").GetDouble() < -0.05);
        var series = NumericCsv.Read(Path.Combine(dir, "out", "series.csv"), allowNonFinite: true);
        Assert.Equal(["step", "t", "energy", "mass", "min_J", "min_J_lower_bound"], series.Header.Take(6));
        int lb = Array.IndexOf(series.Header.ToArray(), "min_J_lower_bound"), gb = Array.IndexOf(series.Header.ToArray(), "gap_bound");
        Assert.All(series.Rows, row => Assert.True(double.IsNaN(row[lb]) && double.IsNaN(row[gb])));
    }

    [Fact]
    public void Run_outputs_on_the_circle_carry_the_rigorous_bound_and_say_so()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run(dir, "run", BundledCases.Path("deconv-s1-particles.yaml"), "--out", "out", "--quiet", "--set", "solver.t_end=2");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        var root = summary.RootElement;
        Assert.StartsWith("bound:", root.GetProperty("min_J").GetString());
        double lb = root.GetProperty("final_min_J_lower_bound").GetDouble(), est = root.GetProperty("final_min_J_estimate").GetDouble();
        Assert.True(lb <= est && est - lb < 1e-6, $"lower bound {lb:R}, estimate {est:R}");
        Assert.True(double.IsFinite(root.GetProperty("final_gap_bound").GetDouble()));
    }

    // ---------- Problems with a known optimum ----------

    /// <summary>
    /// One spike of weight w at θ* observed through the Dirichlet kernel (K = 4) at n = 64 equispaced angles, λ = 0.02. The
    /// equispaced rule is exact for trigonometric polynomials of degree &lt; 64, so (1/n) Σ_i D(x_i − a) D(x_i − b) = D(a − b), and for
    /// ν = M δ_θ*, J(θ) = λ − (w − M) D(θ − θ*) ≥ λ − (w − M)(2K + 1): the optimum is M* = w − λ/(2K + 1) (J ≥ 0, = 0 at θ*), with
    /// F* = λ²/(2(2K + 1)) + λ M*.
    /// </summary>
    private static (NetworkObjective Objective, double FStar, double ThetaStar, double MStar) SingleSpike()
    {
        const double w = 1.3, thetaStar = 2.0, lambda = 0.02;
        const int K = 4;
        var f = new DirichletFeatures(K);
        var data = Deconvolution.OnCircle([thetaStar], [w]).Observe(f, 64, 0, 1);
        var o = new NetworkObjective(data, f, new SquareLoss(), lambda);
        double mStar = w - lambda / (2 * K + 1);
        return (o, lambda * lambda / (2 * (2 * K + 1)) + lambda * mStar, thetaStar, mStar);
    }

    /// <summary>
    /// A single ReLU teacher neuron (a = 1, |b*| = 1, k = 2) with the exact Gaussian population (arc-cosine kernel), λ = 0.05. For
    /// ν = M δ_η*, η* = (1, b*)/√2, J(η) = λ − (1 − M/2) a κ(b, b*) and a κ(b, b*) = a|b| f(θ) ≤ ¼, so M* = 2(1 − 4λ), J ≥ 0 with
    /// equality at η*, and F* = ½ (4λ)² E[max(0, b*·x)²] + λ M* = 2λ − 4λ².
    /// </summary>
    private static (GaussianPopulationObjective Objective, double FStar, double[] EtaStar, double MStar) SingleNeuron()
    {
        const double lambda = 0.05;
        double[] b = [Math.Cos(0.7), Math.Sin(0.7)];
        var teacher = new TeacherNetwork([1.0], b, 2);
        var o = new GaussianPopulationObjective(teacher, lambda);
        double s = 1 / Math.Sqrt(2);
        return (o, 2 * lambda - 4 * lambda * lambda, [s, s * b[0], s * b[1]], 2 * (1 - 4 * lambda));
    }

    private static Measure Perturbed(int dim, double[] etaStar, double mStar, Random rng, double size)
    {
        int extra = rng.Next(0, 4);
        var nu = new Measure(dim, 1 + extra);
        var p = nu.Point(0);
        for (int c = 0; c < dim; c++) p[c] = etaStar[c] + size * Sphere.Gaussian(rng);
        Sphere.Normalize(p);
        nu.Mass[0] = mStar * (1 + size * Sphere.Gaussian(rng));
        nu.Mass[0] = Math.Abs(nu.Mass[0]);
        for (int j = 1; j <= extra; j++) { Sphere.SampleUniform(rng, nu.Point(j)); nu.Mass[j] = size * rng.NextDouble(); }
        return nu;
    }

    [Fact]
    public void Gap_bound_is_never_below_the_true_gap_when_the_optimum_is_known()
    {
        var (spike, fSpike, th, mSpike) = SingleSpike();
        var (neuron, fNeuron, etaN, mNeuron) = SingleNeuron();
        var lp = new LinearPotential([0.3, -0.4, 0.2], 0.6);   // λ > |c|: ν* = 0, F* = 0
        // The fixtures' optima are optima: J(·|ν*) ≥ 0 on a dense grid and F(ν*) = F* (independent of the bound under test).
        var nuSpike = new Measure(2, [mSpike], [Math.Cos(th), Math.Sin(th)]);
        var linSpike = spike.Linearize(nuSpike);
        Assert.Equal(fSpike, linSpike.Energy, 14);
        var (bfSpike, _) = MinimumOfJTests.BruteForce(linSpike, 2, 1 << 16);
        Assert.True(bfSpike >= -1e-13, $"spike fixture not optimal: min J ≈ {bfSpike:E2}");
        var nuNeuron = new Measure(3, [mNeuron], etaN);
        var linNeuron = neuron.Linearize(nuNeuron);
        Assert.Equal(fNeuron, linNeuron.Energy, 14);
        var (bfNeuron, _) = MinimumOfJTests.BruteForce(linNeuron, 3, 100_000);
        Assert.True(bfNeuron >= -1e-13, $"neuron fixture not optimal: min J ≈ {bfNeuron:E2}");

        var rng = new Random(2024);
        double tightest = double.PositiveInfinity;
        var cases = new (IObjective Objective, double FStar, double[] Eta, double M)[]
        {
            (spike, fSpike, [Math.Cos(th), Math.Sin(th)], mSpike), (neuron, fNeuron, etaN, mNeuron), (lp, 0.0, [0, 1, 0], 0.5),
        };
        foreach (var (objective, fStar, eta, m) in cases)
        {
            foreach (double size in new[] { 1e-6, 1e-4, 1e-2, 0.3 })
            {
                for (int rep = 0; rep < 6; rep++)
                {
                    var nu = Perturbed(objective.AmbientDim, eta, m, rng, size);
                    double lambda = objective switch { NetworkObjective n => n.Lambda, GaussianPopulationObjective g => g.Lambda, _ => lp.Lambda };
                    var snap = MeasureDiagnostics.Compute(objective, Wfr, nu, lambda, []);
                    double gap = snap.Energy - fStar;
                    Assert.False(double.IsNaN(snap.GapBound), $"{objective.GetType().Name}: no bound on S^{objective.AmbientDim - 1}");
                    // Round-off of F and F*: a few u times F (sums of ≤ 64 terms).
                    Assert.True(snap.GapBound >= gap - 1e-14 * Math.Max(1, snap.Energy),
                        $"{objective.GetType().Name}, perturbation {size}: gap bound {snap.GapBound:E4} below the true gap {gap:E4}");
                    if (gap > 0) tightest = Math.Min(tightest, snap.GapBound / gap);
                    if (size == 1e-4 && rep == 0)
                        output.WriteLine($"{objective.GetType().Name}, perturbation {size:E0}: true gap {gap:E3}, gap bound {snap.GapBound:E3}, min J ∈ [{snap.MinJLowerBound:E3}, {snap.MinJ:E3}]");
                }
            }
        }
        output.WriteLine($"smallest ratio gap bound / true gap: {tightest:G4}");
    }
}

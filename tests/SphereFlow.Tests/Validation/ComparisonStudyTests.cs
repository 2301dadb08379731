using SphereFlow.IO;
using SphereFlow.Tests.TestSupport;
using SphereFlow.Validation.Comparison;

namespace SphereFlow.Tests.Validation;

/// <summary>
/// Eulerian vs Lagrangian on the bundled S^1 deconvolution mesh case (128 arcs, to t = 1): at t = 0 the particles are an
/// iid sample of the mesh measure (placement at the centres), so the MMD and the prediction error fall as m^{-1/2} with the
/// CLT constant of the kernel (the refinement levels of a uniform density agree to round-off in these metrics, so every m is
/// fitted), while W1 is reported as dominated by the mesh error (atoms at the centres of arcs of length h are h/4 from a
/// uniform density in W1). At t = 1, against a second-order mesh on 512 arcs, the MMD still falls as m^{-1/2} above the
/// mesh's own error and the particles' mean energy is the mesh's within its error, the particles' bias and their spread.
/// </summary>
public class ComparisonStudyTests(ITestOutputHelper output)
{
    private static readonly Lazy<ComparisonResult> Study = new(() => ComparisonStudy.Run(
        BundledCases.Path("deconv-s1-mesh.yaml"),
        new ComparisonOptions
        {
            ParticleCounts = [50, 200, 800],
            Seeds = 4,
            Times = [0, 1],
            Placement = "center",
            Overrides = ["solver.mesh.cells=128", "solver.t_end=1"],
        }));

    [Fact]
    public void At_t0_the_mmd_and_prediction_errors_fall_as_m_to_the_minus_one_half_and_w1_meets_the_mesh_error()
    {
        var r = Study.Value;
        foreach (var rate in r.Rates.Where(x => x.T == 0))
            output.WriteLine($"t = 0, {rate.Metric}: {rate.Status}, exponent {rate.Fit.Exponent:F3} [{rate.Fit.Low95:F3}, {rate.Fit.High95:F3}], mesh error {rate.MeshError:E2}");
        var w1 = r.Rates.Single(x => x.T == 0 && x.Metric == "w1");
        Assert.Equal(RateStatus.MeshDominates, w1.Status);
        // The 128-arc level's own W1 error is h/4 (every atom a quarter arc from the uniform density on average). Its successive
        // differences are exactly first order, but the errors are sawtooth CDF differences whose phase changes with h, so
        // d(ν_64, ν_128) = h_64/4 = 2 × the error: the estimate is conservative by 2 here, never small.
        double h = 2 * Math.PI / 128;
        Assert.InRange(w1.MeshError, h / 4, 2.5 * h / 4);
        foreach (var metric in new[] { "mmd", "prediction" })
        {
            var rate = r.Rates.Single(x => x.T == 0 && x.Metric == metric);
            Assert.Equal(RateStatus.Fitted, rate.Status);
            var fit = rate.Fit;
            Assert.Equal(12, fit.Points);
            Assert.True(fit.Covers(-0.5), $"{metric}: exponent {fit.Exponent} [{fit.Low95}, {fit.High95}]");
            Assert.True(fit.High95 - fit.Low95 < 0.5, $"{metric}: interval too wide to mean anything");
        }
        Assert.All(r.Rows.Where(x => x.T == 0), row => Assert.Equal(row.MassMesh, row.MassParticles, 12));
    }

    /// <summary>
    /// The same problem on 512 arcs with limited MUSCL + SSPRK3 (second order), to t = 1: the mesh reference's own error is
    /// then small enough (Richardson estimate 3e-4 in MMD, 1.5e-5 in F) for the particle error to be measured at t &gt; 0.
    /// </summary>
    private static readonly Lazy<ComparisonResult> Converged = new(() => ComparisonStudy.Run(
        BundledCases.Path("deconv-s1-mesh.yaml"),
        new ComparisonOptions
        {
            ParticleCounts = [50, 200, 800],
            Seeds = 8,
            Times = [0, 1],
            Overrides = ["solver.mesh.cells=512", "solver.order=2", "solver.stepper=ssprk3", "solver.t_end=1"],
        }));

    [Fact]
    public void At_t0_the_mean_squared_mmd_is_the_clt_constant_over_m()
    {
        // With centre placement the m particles are iid draws of cell centres from the 128-cell mesh measure ν (mass M), each of
        // mass M/m. Then m·MMD² = (1/m) Σ_ij k̃(x_i, x_j) with k̃ the kernel centred under ν/M and scaled by M², so
        // E[m·MMD²] = E k̃(x, x) = M² k(x, x) − ∬k dν dν = M² − S (k(x, x) = 1): the CLT constant, computed here from the kernel and ν,
        // not from the study. m·MMD²/σ² is (for large m) a weighted χ² with weights λ_i/σ², the eigenvalues of k̃ under ν/M, so its
        // variance is 2 Σλ²/σ⁴ = 2 ‖K̃‖²_F/tr(K̃)² (K̃_ab = k̃(c_a, c_b) p_a^½ p_b^½), and the mean over the 12 runs must lie within
        // 4 of its standard deviations of 1 (a sampler drawing cells ∝ anything else than the mass, or with the wrong particle
        // mass, moves it by far more).
        var r = Study.Value;
        var nu = r.Mesh.Single(s => s.T == 0).Measure;
        int n = nu.Count;
        double mass = nu.TotalMass, kappa = r.Setting.Kappa;
        var p = nu.Mass.Select(w => w / mass).ToArray();
        var k = new double[n, n];
        var mean = new double[n];
        double all = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double dot = 0;
                for (int c = 0; c < nu.AmbientDim; c++) dot += nu.Point(a)[c] * nu.Point(b)[c];
                k[a, b] = Math.Exp(kappa * (dot - 1));
                mean[a] += p[b] * k[a, b];
            }
        for (int a = 0; a < n; a++) all += p[a] * mean[a];
        double trace = 0, frobenius = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double centred = mass * mass * (k[a, b] - mean[a] - mean[b] + all) * Math.Sqrt(p[a] * p[b]);
                if (a == b) trace += centred;
                frobenius += centred * centred;
            }
        double sigma2 = mass * mass - r.Mesh.Single(s => s.T == 0).KernelSelfSum;
        Assert.Equal(sigma2, trace, 10);   // the two ways to the constant agree
        var rows = r.Rows.Where(x => x.T == 0).ToList();
        double normalised = rows.Average(x => x.M * x.Mmd * x.Mmd / sigma2);
        double sd = Math.Sqrt(2 * frobenius / (trace * trace) / rows.Count);
        output.WriteLine($"σ² = M² − S = {sigma2:F4}; mean of m·MMD²/σ² over {rows.Count} runs = {normalised:F3} (sd {sd:F3}, effective χ² dof {trace * trace / frobenius:F1})");
        Assert.InRange(normalised, 1 - 4 * sd, 1 + 4 * sd);
    }

    [Fact]
    public void At_t1_the_mmd_falls_as_m_to_the_minus_one_half_above_the_mesh_error()
    {
        // The particles fluctuate around the mean-field flow by O(m^{-1/2}) at every t (propagation of chaos); the mesh reference is
        // fitted against only where its own Richardson error estimate is a third of the particle error or less.
        var r = Converged.Value;
        var rate = r.Rates.Single(x => x.T == 1 && x.Metric == "mmd");
        output.WriteLine($"t = 1, mmd: {rate.Status}, exponent {rate.Fit.Exponent:F3} [{rate.Fit.Low95:F3}, {rate.Fit.High95:F3}], mesh error {rate.MeshError:E2}, m = {string.Join(", ", rate.FittedCounts)}");
        Assert.Equal(RateStatus.Fitted, rate.Status);
        Assert.Equal([50, 200, 800], rate.FittedCounts);
        Assert.True(rate.Fit.Covers(-0.5), $"exponent {rate.Fit.Exponent} [{rate.Fit.Low95}, {rate.Fit.High95}]");
        // The interval must also exclude 0 and −1: an error that does not fall with m (particles that do not follow the mesh's flow,
        // or a floor of mesh error) and a deterministic O(1/m) error are both told apart from the CLT rate.
        Assert.True(rate.Fit.High95 < 0 && rate.Fit.Low95 > -1, $"interval [{rate.Fit.Low95}, {rate.Fit.High95}] does not separate −1/2 from 0 and −1");
    }

    [Fact]
    public void At_t1_the_particles_mean_energy_is_the_mesh_energy_within_its_error_bias_and_spread()
    {
        // F(ν^m_1) over seeds = F(ν_1) + bias + fluctuation. |F(ν^mesh_1) − F(ν_1)| ≤ the mesh's Richardson estimate ε_F; the bias of a
        // smooth functional of the interacting particles is O(1/m) (propagation of chaos), estimated from the m = 50 runs and scaled
        // by 50/800; the fluctuation of the mean over the seeds is bounded by Student's t times the
        // seeds' standard error (7 degrees of freedom, 99.5%: 3.50). A particle flow with another α or β than the mesh's moves F(1) by several percent, this tolerance
        // is about 2% of F(1) (measured: the means differ by 9.7e-6 = 0.2%).
        var r = Converged.Value;
        double fMesh = r.Mesh.Single(s => s.T == 1).Energy;
        double epsF = r.Rates.Single(x => x.T == 1 && x.Metric == "energy").MeshError;
        double[] f800 = [.. r.Rows.Where(x => x.T == 1 && x.M == 800).Select(x => x.EnergyParticles)];   // 8 seeds
        double bias50 = Math.Abs(r.Rows.Where(x => x.T == 1 && x.M == 50).Average(x => x.EnergyParticles) - fMesh);
        double mean = f800.Average(), sd = Math.Sqrt(f800.Sum(f => (f - mean) * (f - mean)) / (f800.Length - 1));
        double t995 = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, f800.Length - 1, 0.995);
        double tolerance = epsF + bias50 * 50 / 800 + t995 * sd / Math.Sqrt(f800.Length);
        output.WriteLine($"F_mesh(1) = {fMesh:E5}, mean F_800(1) = {mean:E5} (sd {sd:E2}), ε_F = {epsF:E2}, bias(50) = {bias50:E2}, tolerance {tolerance:E2} = {tolerance / fMesh:P1} of F");
        Assert.True(double.IsFinite(epsF), "no mesh error estimate for F at t = 1");
        Assert.True(Math.Abs(mean - fMesh) <= tolerance, $"|mean F_800 − F_mesh| = {Math.Abs(mean - fMesh):E3} > {tolerance:E3}");
        Assert.True(r.Mesh.Single(s => s.T == 1).Energy < 1e-2 * r.Mesh[0].Energy, "the mesh run barely moved");
    }

    [Fact]
    public void The_report_writes_every_table_and_plot_with_one_row_per_run_and_time()
    {
        var r = Study.Value;
        string dir = Path.Combine(Path.GetTempPath(), "sphereflow-compare-" + Guid.NewGuid().ToString("N"));
        try
        {
            ComparisonReport.Write(dir, r);
            var table = NumericCsv.Read(Path.Combine(dir, "compare.csv"), allowNonFinite: true);
            Assert.Equal(ComparisonReport.RowHeader, table.Header);
            Assert.Equal(2 * 3 * 4, table.Rows.Length);
            Assert.Equal(2 * 3, NumericCsv.Read(Path.Combine(dir, "summary.csv"), allowNonFinite: true).Rows.Length);
            Assert.Equal(1 + 2 * 4, File.ReadAllLines(Path.Combine(dir, "rates.csv")).Length);   // 2 times × 4 metrics (W1 on S^1)
            foreach (var f in new[] { "report.md", "mesh-case.resolved.yaml", "plots/compare-energy.png", "plots/compare-prediction.png", "plots/compare-mmd.png", "plots/compare-w1.png" })
                Assert.True(new FileInfo(Path.Combine(dir, f)).Length > 0, f);
            Assert.Contains("| 0 | mmd |", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_zero_prediction_start_on_s2_is_at_round_off_in_the_refinement_study_not_unknown()
    {
        // The uniform relu measure on S^2 (the figure-2 mesh case) predicts h ≡ 0: its levels differ by round-off of sums that
        // cancel (1e-18 here), and ‖h‖ = 0 gives no relative scale. The round-off level is taken relative to the data's ‖y‖, so
        // the study reports the levels as agreeing instead of an order of −1.4 and an unknown error (which blocked the t = 0 fit).
        var reference = ComparisonStudy.Reference(BundledCases.Path("teacher2d-mesh.yaml"), new ComparisonOptions
        {
            ParticleCounts = [10], Seeds = 1, Times = [0], Overrides = ["solver.mesh.level=3", "solver.t_end=0.1"],
        });
        var row = reference.Refinement.Single(r => r.T == 0 && r.Metric == "prediction");
        output.WriteLine($"t = 0, prediction: differences {string.Join(", ", row.Differences.Select(d => d.ToString("E2")))}, round-off {row.Estimate.AtRoundOff}, estimate {row.Estimate.Error:E2}");
        Assert.True(row.Estimate.AtRoundOff, $"differences {string.Join(", ", row.Differences)} not recognised as round-off");
        Assert.InRange(row.Estimate.Error, 0, 1e-10);
    }

    [Fact]
    public void Stratified_sampling_beats_iid_at_t0_on_the_circle()
    {
        // Systematic sampling along the arcs of S^1 spreads the particles evenly: measured MMD exponent −1.28 against −0.57 iid
        // (m = 25 … 100 < 128 arcs; from m = 128 on, stratified centres put equal counts in every arc and the MMD drops to round-off).
        ComparisonResult At0(string sampling) => ComparisonStudy.Run(BundledCases.Path("deconv-s1-mesh.yaml"), new ComparisonOptions
        {
            ParticleCounts = [25, 50, 100], Seeds = 3, Times = [0], Placement = "center", Sampling = sampling,
            Overrides = ["solver.mesh.cells=128", "solver.t_end=0.1"],
        });
        var iid = At0("iid");
        var stratified = At0("stratified");
        var fit = stratified.Rates.Single(r => r.Metric == "mmd").Fit;
        output.WriteLine($"stratified MMD exponent {fit.Exponent:F3}, iid {iid.Rates.Single(r => r.Metric == "mmd").Fit.Exponent:F3}");
        Assert.True(fit.Exponent < -0.8, $"{fit.Exponent}");
        foreach (int m in new[] { 25, 50, 100 })
            Assert.True(stratified.Rows.Where(r => r.M == m).Average(r => r.Mmd) < iid.Rows.Where(r => r.M == m).Average(r => r.Mmd), $"m = {m}");
        Assert.Equal("stratified", stratified.Setting.Sampling);
    }
}

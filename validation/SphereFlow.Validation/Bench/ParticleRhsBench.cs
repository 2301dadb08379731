using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// The particle right-hand side (prediction h at the data, then J and ∇_s J at every particle: one RK stage) for relu with
/// the default kernel (exact angular k = 2, blocked products for large k) against the per-atom O(mn) kernels (the reference
/// path, <c>problem.kernel: pairwise</c>), in the same run: time, pairs/s, GFLOP/s counted as 4mnk (the two products
/// B·X and D·Xᵀ; "equivalent" for the angular kernel, which does not form them) and the share of the machine's GEMM rate.
/// </summary>
public sealed class ParticleRhsBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "particles.rhs";

    /// <summary>One right-hand side: h, then J and ∇_s J at the atoms.</summary>
    public static void Rhs(NetworkObjective objective, Measure nu, double[] j, double[] grad)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(nu);
        objective.Linearize(nu).Evaluate(nu.Points, j, grad);
    }

    /// <summary>Objectives (default kernel, pairwise kernel) of a relu teacher problem with n data points in R^k.</summary>
    public static (NetworkObjective Fast, NetworkObjective Pairwise) Objectives(int k, int n)
    {
        var teacher = TeacherNetwork.Random(k, 4, 1);
        var data = k == 2 ? teacher.AngularQuadrature(n) : teacher.MonteCarlo(n, 2);
        var loss = new SquareLoss();
        return (new NetworkObjective(data, FeatureMaps.Create("relu", new FeatureOptions(k)), loss, 0),
                new NetworkObjective(data, FeatureMaps.Create("relu", new FeatureOptions(k, Kernel: FeatureKernel.Pairwise)), loss, 0));
    }

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        double gemm = MachineGemmRate.Best(quick);
        var results = new List<BenchMeasurement>();
        var cases = quick ? new[] { (200, 512, 2), (2000, 512, 2), (200, 512, 100) } : [(1000, 2048, 2), (10_000, 2048, 2), (1000, 2048, 100)];
        foreach (var (m, n, k) in cases)
        {
            var (fast, pairwise) = Objectives(k, n);
            var nu = ParticleInitialMeasures.Uniform(k + 1, m, 1.0, 1);
            var j = new double[m];
            var g = new double[m * (k + 1)];
            double tFast = BenchTimer.BestFor(() => Rhs(fast, nu, j, g), quick ? 0.1 : 0.5);
            double tPair = BenchTimer.BestFor(() => Rhs(pairwise, nu, j, g), quick ? 0.1 : 1.0);
            double cFast = BenchTimer.CpuPerCall(() => Rhs(fast, nu, j, g), quick ? 0.05 : 0.3);
            double cPair = BenchTimer.CpuPerCall(() => Rhs(pairwise, nu, j, g), quick ? 0.05 : 0.5, quick ? 1 : 2);
            double pairs = (double)m * n, gflops = 4.0 * m * n * k / 1e9;
            string label = $"m = {m}, n = {n}, k = {k}";
            bool target = !quick;
            results.Add(new($"{label}: RHS, {fast.KernelPath}", tFast * 1e3, "ms", target && k == 100 ? 20 : double.NaN));
            results.Add(new($"{label}: RHS, pairwise per-atom kernels (reference)", tPair * 1e3, "ms"));
            results.Add(new($"{label}: speed-up over the pairwise kernels", tPair / tFast, "ratio",
                            AtLeast: target && k == 2 ? (m >= 10_000 ? 5 : 3) : double.NaN));
            results.Add(new($"{label}: one thread, CPU time per RHS, default kernels", cFast * 1e3, "ms"));
            results.Add(new($"{label}: one thread, CPU time of the pairwise kernels", cPair * 1e3, "ms"));
            results.Add(new($"{label}: one thread, CPU-time speed-up (load-independent ratio)", cPair / cFast, "ratio"));
            results.Add(new($"{label}: one thread, GFLOP/s per core (4mnk / CPU time)", gflops / cFast, "GFLOP/s"));
            results.Add(new($"{label}: one thread, share of the best one-thread GEMM rate ({MachineGemmRate.BestPerCore(quick):F1} GFLOP/s)",
                            gflops / cFast / MachineGemmRate.BestPerCore(quick), "ratio"));
            results.Add(new($"{label}: pairs/s", pairs / tFast, "1/s"));
            results.Add(new($"{label}: {(k == 2 ? "equivalent " : "")}GFLOP/s (4mnk)", gflops / tFast, "GFLOP/s"));
            results.Add(new($"{label}: share of the best GEMM rate ({gemm:F1} GFLOP/s)", gflops / tFast / gemm, "ratio",
                            AtLeast: target && k == 100 ? 0.5 : double.NaN));
            results.Add(new($"{label}: pairwise kernels, GFLOP/s (4mnk)", gflops / tPair, "GFLOP/s"));
        }
        return results;
    }
}

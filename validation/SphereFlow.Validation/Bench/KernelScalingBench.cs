using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Validation.Statistics;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// Cost exponents of the particle right-hand side in m (n fixed) and in n (m fixed), fitted by least squares on log–log over
/// two decades (five sizes each) to the one-thread CPU time per call (<see cref="BenchTimer.CpuPerCall"/>: the cost of the
/// algorithm, not disturbed by other load or by thread hand-offs): the O(mn) kernels (pairwise k = 2 and k = 100, blocked k = 100) should scale as 1 in each;
/// the angular kernel is O(m + n) after its one-off O(n log n) sort of the data (reported, no target). Every size here keeps
/// m·n within the blocked kernel's sign-mask limit (2^27 pairs), so it does the same two products at every size.
/// </summary>
public sealed class KernelScalingBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "kernels.scaling";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        var sizes = quick ? new[] { 100, 300, 1000 } : [100, 316, 1000, 3162, 10_000];
        var results = new List<BenchMeasurement>();
        foreach (var (label, k, fixedOther, usePairwise) in new[]
                 {
                     ("pairwise, k = 2", 2, 256, true), ("pairwise, k = 100", 100, quick ? 64 : 256, true),
                     ("blocked, k = 100", 100, 256, false), ("angular, k = 2", 2, 256, false),
                 })
        {
            bool linear = label != "angular, k = 2";
            foreach (bool alongM in new[] { true, false })
            {
                var times = new List<double>();
                foreach (int s in sizes)
                {
                    int m = alongM ? s : fixedOther, n = alongM ? fixedOther : s;
                    var (fast, pairwise) = ParticleRhsBench.Objectives(k, n);
                    NetworkObjective obj = usePairwise ? pairwise : fast;
                    var nu = ParticleInitialMeasures.Uniform(k + 1, m, 1.0, 3);
                    var j = new double[m];
                    var g = new double[m * (k + 1)];
                    double work = (double)m * n * k;
                    times.Add(BenchTimer.CpuPerCall(() => ParticleRhsBench.Rhs(obj, nu, j, g), quick ? 0.02 : 0.3));
                }
                var fit = PowerLawFit.Fit(sizes.Select(x => (double)x).ToArray(), times);
                string along = alongM ? $"m (n = {fixedOther})" : $"n (m = {fixedOther})";
                results.Add(new($"{label}: cost exponent in {along}, {sizes[0]}…{sizes[^1]} (one-thread CPU time)", fit.Exponent, "exponent",
                                linear && !quick ? 1.1 : double.NaN, linear && !quick ? 0.9 : double.NaN));
            }
        }
        return results;
    }
}

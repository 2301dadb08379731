using System.Text.Json;
using SphereFlow.Solvers.Resources;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// The memory estimate against the memory real runs use: each run reports its estimate and its process's peak working set
/// in summary.json; above what a tiny run of the same kind uses (the runtime), the estimate must stay within a factor 2 of
/// the measured peak, for runs dominated by particles, by data and by a mesh. (A factor 2 is what the model claims: it
/// counts the arrays the code keeps plus what the collector has not yet returned, fitted on such runs; see
/// <see cref="MemoryModel"/>.)
/// </summary>
public class ResourceLimitTests(ITestOutputHelper output)
{
    private static (double Estimate, double Peak) Measure(string dir, string caseFile, params string[] sets)
    {
        string o = Path.Combine(dir, Guid.NewGuid().ToString("N"));
        string[] args = ["run", caseFile, "--out", o, "--quiet", "--set", "output.bound_cells=0", "--set", "output.probes=100", .. sets.SelectMany(s => new[] { "--set", s })];
        var r = CliRunner.Run(dir, args);
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(o, "summary.json")));
        return (s.RootElement.GetProperty("memory_estimate_bytes").GetDouble(), s.RootElement.GetProperty("process_peak_memory_bytes").GetDouble());
    }

    [Theory]
    [InlineData("teacher2d-particles.yaml", "particles: m = 200000, rk4", new[] { "solver.m=200000", "solver.t_end=0.1" })]
    [InlineData("teacher2d-particles.yaml", "data: Monte Carlo k = 400, n = 10000", new[] { "problem.data={kind: teacher, k: 400, m0: 3, seed: 4, sampling: montecarlo, n: 10000}", "solver.m=50", "solver.stepper=euler", "solver.t_end=0.05", "output.probes=0" })]
    [InlineData("teacher2d-mesh.yaml", "mesh: icosahedral level 6", new[] { "solver.mesh.level=6", "solver.t_end=0.1" })]
    public void The_memory_estimate_is_within_a_factor_2_of_the_measured_peak(string file, string what, string[] sets)
    {
        if (!OperatingSystem.IsLinux()) return; // the peak working set is the kernel's VmHWM
        string dir = CliRunner.TempDir();
        string c = BundledCases.Path(file);
        var tiny = Measure(dir, c, file.Contains("mesh", StringComparison.Ordinal) ? ["solver.mesh.level=1", "solver.t_end=0.1"] : ["solver.m=10", "solver.t_end=0.1"]);
        var big = Measure(dir, c, sets);
        double estimated = big.Estimate - tiny.Estimate, measured = big.Peak - tiny.Peak;
        output.WriteLine($"{what}: estimate {estimated / 1e6:F1} MB above the tiny run's, measured {measured / 1e6:F1} MB (tiny run: peak {tiny.Peak / 1e6:F1} MB)");
        Assert.True(measured > 50e6, $"{what}: the run is too small to test the model ({measured / 1e6:F1} MB)");
        Assert.InRange(estimated / measured, 0.5, 2.0);
    }
}

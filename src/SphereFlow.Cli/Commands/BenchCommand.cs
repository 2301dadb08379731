using System.CommandLine;
using System.Globalization;
using System.Numerics;
using SphereFlow.Validation.Bench;

namespace SphereFlow.Cli.Commands;

/// <summary><c>sphereflow bench [--quick] [--filter TEXT]</c>: the performance suite, as measurements and ratios of one run.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Smaller sizes (seconds instead of minutes)." };
        var filter = new Option<string?>("--filter") { Description = "Run only cases whose name contains this text." };
        var cmd = new Command("bench", "Run the performance suite and print measurements and ratios.");
        cmd.Options.Add(quick);
        cmd.Options.Add(filter);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            string? f = pr.GetValue(filter);
            // Long cases run only when the filter is exactly their name; others when their name contains the filter.
            var cases = BenchSuite.All.Where(c => c.OnlyWhenNamed ? c.Name == f : f is null || c.Name.Contains(f, StringComparison.Ordinal)).ToList();
            if (cases.Count == 0)
                throw new IO.InputException($"--filter '{f}': no bench case matches (cases: {string.Join(", ", BenchSuite.All.Select(c => c.Name))})");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            Console.WriteLine($"SIMD: Vector<double>.Count = {Vector<double>.Count}, hardware accelerated = {Vector.IsHardwareAccelerated}, Vector512 = {System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated}");
            Console.WriteLine($"GEMM micro-kernel: {SphereFlow.Numerics.GemmMicroKernel.Description}; OpenBLAS: {(SphereFlow.Numerics.OpenBlas.IsAvailable ? $"{SphereFlow.Numerics.OpenBlas.Library} (reference GEMM rate{(SphereFlow.Numerics.OpenBlas.UseForKernels ? "; kernel tiles, SPHEREFLOW_GEMM=openblas" : "; kernels stay managed unless SPHEREFLOW_GEMM=openblas")})" : "not found (scripts/install-openblas.sh)")}");
            Console.WriteLine($"load average at start: {LoadAverage()}");
            bool allMet = true;
            foreach (var c in cases)
            {
                Console.WriteLine($"\n[{c.Name}]");
                foreach (var m in c.Run(pr.GetValue(quick)))
                {
                    var bounds = new List<string>();
                    if (!double.IsNaN(m.AtLeast)) bounds.Add($"≥ {m.AtLeast.ToString("G4", CultureInfo.InvariantCulture)}");
                    if (!double.IsNaN(m.Target)) bounds.Add($"≤ {m.Target.ToString("G4", CultureInfo.InvariantCulture)}");
                    string target = bounds.Count == 0 ? "" : $"  (target {string.Join(" and ", bounds)} {m.Unit}: {(m.MeetsTarget ? "met" : "NOT met")})";
                    Console.WriteLine($"  {m.Name,-70} {m.Value.ToString("G5", CultureInfo.InvariantCulture),12} {m.Unit}{target}");
                    allMet &= m.MeetsTarget;
                }
            }
            Console.WriteLine($"\nload average at end: {LoadAverage()}");
            Console.WriteLine(allMet ? "all targets met" : "some targets NOT met");
            return 0;
        }));
        return cmd;
    }

    /// <summary>The 1/5/15-minute load averages (Linux), so that timings on a shared machine can be judged.</summary>
    private static string LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown"; }
        catch (IOException) { return "unknown"; }
    }
}

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
            var cases = BenchSuite.All.Where(c => f is null || c.Name.Contains(f, StringComparison.Ordinal)).ToList();
            if (cases.Count == 0)
                throw new IO.InputException($"--filter '{f}': no bench case matches (cases: {string.Join(", ", BenchSuite.All.Select(c => c.Name))})");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            Console.WriteLine($"dense products: {(Numerics.OpenBlas.IsAvailable ? $"OpenBLAS ({Numerics.OpenBlas.Library})" : "managed kernels")}");
            Console.WriteLine($"SIMD: Vector<double>.Count = {Vector<double>.Count}, hardware accelerated = {Vector.IsHardwareAccelerated}");
            bool allMet = true;
            foreach (var c in cases)
            {
                Console.WriteLine($"\n[{c.Name}]");
                foreach (var m in c.Run(pr.GetValue(quick)))
                {
                    string target = double.IsNaN(m.Target) ? "" : $"  (target ≤ {m.Target.ToString("G4", CultureInfo.InvariantCulture)} {m.Unit}: {(m.MeetsTarget ? "met" : "NOT met")})";
                    Console.WriteLine($"  {m.Name,-62} {m.Value.ToString("G5", CultureInfo.InvariantCulture),12} {m.Unit}{target}");
                    allMet &= m.MeetsTarget;
                }
            }
            Console.WriteLine(allMet ? "\nall targets met" : "\nsome targets NOT met");
            return 0;
        }));
        return cmd;
    }
}

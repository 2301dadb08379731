using System.Globalization;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// <c>problem.kernel: pairwise</c> forces the O(mn) per-atom kernels, which reproduce the bundled k = 2 cases bit for bit as
/// they ran before the exact angular kernel became the default (on a machine with the recording machine's vector widths;
/// to round-off elsewhere); the default (angular) path agrees with them to round-off.
/// </summary>
public class KernelPathReproductionTests(ITestOutputHelper output)
{
    // Final energies at t = 5 (100 steps) recorded with the per-atom kernels before the angular kernel existed
    // (commit 090e278, `sphereflow run CASE --set solver.t_end=5`).
    [Theory]
    [InlineData("teacher2d-particles.yaml", 0.10642509728335488)]
    [InlineData("teacher2d-mesh.yaml", 0.10973399297947098)]
    public void Pairwise_path_reproduces_the_recorded_energies_and_the_default_path_agrees_to_round_off(string name, double recorded)
    {
        double Run(string kernel)
        {
            string dir = CliRunner.TempDir();
            var r = CliRunner.Run(dir, "run", BundledCases.Path(name), "--out", Path.Combine(dir, "out"), "--quiet",
                                  "--set", "solver.t_end=5", "--set", $"problem.kernel={kernel}");
            Assert.True(r.ExitCode == 0, r.StdErr);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
            return doc.RootElement.GetProperty("final_energy").GetDouble();
        }
        double pairwise = Run("pairwise"), angular = Run("auto");
        output.WriteLine($"{name}: pairwise {pairwise.ToString("R", CultureInfo.InvariantCulture)}, angular {angular.ToString("R", CultureInfo.InvariantCulture)}, relative change {(angular - pairwise) / pairwise:E2}");
        // Bit for bit where the vector widths are those of the recording machine (AVX-512, so TensorPrimitives sums in 8-lane
        // vectors, and 4-lane Vector<double>); elsewhere the vector sums group their terms differently (seen without AVX:
        // ...098 against ...101), and the run agrees to round-off, by the argument below.
        if (Vector512.IsHardwareAccelerated && Vector<double>.Count == 4) Assert.Equal(recorded, pairwise);
        else Assert.True(Math.Abs(pairwise - recorded) <= 1e-12 * recorded, $"pairwise {pairwise:R} vs recorded {recorded:R}");
        // 100 steps of a contracting flow: per-evaluation differences of a few ε stay at that order (1e-12 leaves 1e4 ε).
        Assert.True(Math.Abs(angular - pairwise) <= 1e-12 * pairwise, $"angular {angular} vs pairwise {pairwise}");
    }
}

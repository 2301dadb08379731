using System.Text.Json;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// Silent loss of support: a particle run whose Runge–Kutta stages push masses below 0 reports the clips in summary.json
/// (<c>clipped_masses</c>) and warns on stderr; a run that clips nothing does not warn.
/// </summary>
public class ClippedMassWarningTests
{
    private static string Case(string alpha, string dt) => $$"""
        problem:
          features: relu
          loss: square
          lambda: 0.001
          data: { kind: teacher, k: 2, m0: 3, seed: 4, sampling: quadrature, n: 90 }
        flow: { kind: wfr, alpha: {{alpha}}, beta: 1 }
        solver:
          kind: particles
          m: 40
          init: { kind: uniform, mass: 1, seed: 3 }
          stepper: rk4
          dt: {{dt}}
          t_end: 1
        output: { every: 5, probes: 100 }
        """;

    private static (long Clipped, string StdErr) Run(string alpha, string dt)
    {
        string dir = CliRunner.TempDir();
        string c = Path.Combine(dir, "case.yaml");
        File.WriteAllText(c, Case(alpha, dt));
        var r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "out"), "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        return (summary.RootElement.GetProperty("clipped_masses").GetInt64(), r.StdErr);
    }

    /// <summary>
    /// α = 40, Δt = 0.2: α|J|Δt reaches well above 1 for the atoms where J is largest, so RK4 stages go negative
    /// (measured: 4 clips). α = 4, Δt = 0.01: α|J|Δt ≤ 0.04·max|J| stays far below 1, so no stage can go negative.
    /// </summary>
    [Fact]
    public void Clipped_masses_are_counted_in_the_summary_and_warned_about()
    {
        var (clipped, stderr) = Run("40", "0.2");
        Assert.True(clipped > 0, "no clip counted although RK4 stages went negative");
        Assert.Contains($"warning: {clipped} particle masses went negative", stderr, StringComparison.Ordinal);
        var (none, quiet) = Run("4", "0.01");
        Assert.Equal(0, none);
        Assert.DoesNotContain("went negative", quiet, StringComparison.Ordinal);
    }
}

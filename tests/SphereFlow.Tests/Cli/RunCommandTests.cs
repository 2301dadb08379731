using System.Text.Json;
using SphereFlow.IO;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>The <c>sphereflow run</c> contract: outputs, bad input (exit 2, one line), divergence (exit 3), bit-for-bit resume.</summary>
public class RunCommandTests
{
    private static readonly string SmallCase = SmallTeacherCase.Yaml(40, "2", "{ every: 5, probes: 100 }");

    [Fact]
    public void Run_writes_the_contract_files()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        var r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "out"), "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        string o = Path.Combine(dir, "out");
        foreach (var f in new[] { "series.csv", "summary.json", "final.csv", "case.resolved.yaml", "checkpoint.bin", "plots/energy.png" })
            Assert.True(File.Exists(Path.Combine(o, f)), $"missing {f}");
        var series = NumericCsv.Read(Path.Combine(o, "series.csv"), allowNonFinite: true);
        Assert.Equal(["step", "t", "energy", "mass", "min_J"], series.Header.Take(5));
        Assert.Equal(2.0, series.Rows[^1][1], 9);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(o, "summary.json")));
        foreach (var key in new[] { "final_energy", "final_mass", "steps", "wall_seconds", "solver", "flow" })
            Assert.True(summary.RootElement.TryGetProperty(key, out _), $"summary lacks {key}");
        Assert.Equal(series.Rows[^1][2], summary.RootElement.GetProperty("final_energy").GetDouble());
        Assert.Equal(0, summary.RootElement.GetProperty("energy_rises").GetInt32());
        Assert.DoesNotContain("warning", r.StdErr, StringComparison.Ordinal);
        var final = NumericCsv.Read(Path.Combine(o, "final.csv"));
        Assert.Equal(["mass", "eta0", "eta1", "eta2"], final.Header);
        Assert.Equal(40, final.Rows.Length);
        // The resolved case runs again and reproduces the same final energy.
        var r2 = CliRunner.Run(dir, "run", Path.Combine(o, "case.resolved.yaml"), "--out", Path.Combine(dir, "again"), "--quiet");
        Assert.True(r2.ExitCode == 0, r2.StdErr);
        Assert.Equal(File.ReadAllText(Path.Combine(o, "final.csv")), File.ReadAllText(Path.Combine(dir, "again", "final.csv")));
    }

    [Theory]
    [InlineData("solver.dt=0", "solver.dt")]
    [InlineData("solver.dt=-1", "solver.dt")]
    [InlineData("solver.bogus=1", "unknown key 'solver.bogus'")]
    [InlineData("problem.features=sigmoid", "problem.features")]
    [InlineData("problem.lambda=-0.5", "problem.lambda")]
    [InlineData("flow.kind=teleport", "flow.kind")]
    [InlineData("solver.m=abc", "solver.m")]
    [InlineData("solver.stepper=leapfrog", "solver.stepper")]
    [InlineData("solver.init.kind=csv", "solver.init.path")]
    [InlineData("problem.data.k=3", "angular quadrature")]
    [InlineData("flow.alpha=nan", "flow.alpha")]
    public void Bad_input_ends_with_exit_code_2_and_one_line_naming_the_key(string set, string expected)
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        var r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "out"), "--quiet", "--set", set);
        Assert.Equal(2, r.ExitCode);
        string line = r.StdErr.Trim();
        Assert.DoesNotContain('\n', line);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_csv_rows_are_named()
    {
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "data.csv"), "x0,x1,y,weight\n1,2,3,0.5\n1,2,3,-0.5\n");
        string c = SmallTeacherCase.Write(dir, SmallCase.Replace(SmallTeacherCase.DataLine, "data: { kind: csv, path: data.csv }", StringComparison.Ordinal));
        var r = CliRunner.Run(dir, "run", c, "--quiet", "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("data.csv: line 3: negative weight", r.StdErr, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(dir, "data.csv"), "x0,x1,y,weight\n1,2,3,0.5\n1,oops,3,0.5\n");
        r = CliRunner.Run(dir, "run", c, "--quiet", "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("line 3, column 'x1'", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_invalid_case_files_end_with_exit_code_2()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run(dir, "run", Path.Combine(dir, "nope.yaml"), "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nope.yaml", r.StdErr, StringComparison.Ordinal);
        string bad = SmallTeacherCase.Write(dir, "problem: [unclosed", "bad.yaml");
        r = CliRunner.Run(dir, "run", bad, "--quiet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.yaml", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Divergence_is_detected_named_and_keeps_the_last_good_checkpoint()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        // An absurd step makes the explicit scheme blow up.
        var r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "out"), "--quiet", "--set", "solver.dt=40", "--set", "solver.t_end=4000", "--set", "output.every=1", "--set", "solver.stepper=euler");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("diverged at step", r.StdErr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "out", "checkpoint.bin")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        Assert.Equal("diverged", summary.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Resume_continues_bit_for_bit()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        var full = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "full"), "--quiet");
        Assert.True(full.ExitCode == 0, full.StdErr);
        var half = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "half"), "--quiet", "--set", "solver.t_end=1");
        Assert.True(half.ExitCode == 0, half.StdErr);
        var resumed = CliRunner.Run(dir, "run", c, "--resume", Path.Combine(dir, "half"), "--out", Path.Combine(dir, "resumed"), "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "full", "final.csv")), File.ReadAllText(Path.Combine(dir, "resumed", "final.csv")));
        var a = NumericCsv.Read(Path.Combine(dir, "full", "series.csv"), allowNonFinite: true);
        var b = NumericCsv.Read(Path.Combine(dir, "resumed", "series.csv"), allowNonFinite: true);
        Assert.Equal(a.Rows.Length, b.Rows.Length);
        for (int i = 0; i < a.Rows.Length; i++)
            Assert.Equal(a.Rows[i].Take(8), b.Rows[i].Take(8)); // all but timings and counters
    }
}

/// <summary>Command-line syntax errors are bad input too.</summary>
public class CommandLineSyntaxTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("run", "a.yaml", "--no-such-option")]
    [InlineData("frobnicate")]
    public void Syntax_errors_end_with_exit_code_2_and_one_line(params string[] args)
    {
        var r = CliRunner.Run(CliRunner.TempDir(), args);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StdErr.Trim().Split('\n'));
        Assert.StartsWith("error:", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_too_large_for_the_stepper_is_reported_as_energy_rises_with_a_warning()
    {
        // RK4 at Δt = 0.05 on the S^1 deconvolution case oscillates (F 8.45 → 0.28 → 1.1 …) without blowing up.
        string dir = CliRunner.TempDir();
        string o = Path.Combine(dir, "out");
        var r = CliRunner.Run(dir, "run", BundledCases.Path("deconv-s1-particles.yaml"), "--out", o, "--quiet",
                              "--set", "solver.stepper=rk4", "--set", "solver.dt=0.05", "--set", "solver.t_end=1", "--set", "output.every=1");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("warning: F rose between", r.StdErr, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(o, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("energy_rises").GetInt32() > 3);
        Assert.Equal(3, summary.RootElement.GetProperty("first_energy_rise_step").GetInt64());
    }
}

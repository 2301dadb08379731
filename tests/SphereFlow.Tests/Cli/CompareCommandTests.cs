using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>The <c>sphereflow compare</c> contract: report files, and one-line errors with exit code 2 on bad input.</summary>
public class CompareCommandTests
{
    private static readonly string[] Small =
        ["--m", "20,40,80", "--seeds", "2", "--times", "0,0.2", "--set", "solver.mesh.cells=64", "--set", "solver.t_end=0.2", "--quiet"];

    [Fact]
    public void Compare_writes_the_report_and_prints_the_rates()
    {
        string dir = CliRunner.TempDir();
        string outDir = Path.Combine(dir, "cmp");
        var r = CliRunner.Run(dir, ["compare", BundledCases.Path("deconv-s1-mesh.yaml"), "--out", outDir, .. Small]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("rate at t = 0, mmd: m^", r.StdOut, StringComparison.Ordinal);
        Assert.Equal(1 + 2 * 3 * 2, File.ReadAllLines(Path.Combine(outDir, "compare.csv")).Length);
        // The mesh reference's refinement study (64, 32 and 16 arcs): one row per time and metric.
        Assert.Equal(1 + 2 * 4, File.ReadAllLines(Path.Combine(outDir, "refinement.csv")).Length);
        Assert.Contains("mesh error", r.StdOut, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "compare-mmd.png")));
    }

    [Fact]
    public void Two_shards_merged_give_the_unsharded_tables()
    {
        string dir = CliRunner.TempDir();
        string c = BundledCases.Path("deconv-s1-mesh.yaml");
        string[] args = ["--m", "20,40", "--seeds", "3", "--times", "0,0.2", "--set", "solver.mesh.cells=64", "--set", "solver.t_end=0.2", "--quiet"];
        string whole = Path.Combine(dir, "whole"), s1 = Path.Combine(dir, "s1"), s2 = Path.Combine(dir, "s2"), merged = Path.Combine(dir, "merged");
        Assert.Equal(0, CliRunner.Run(dir, ["compare", c, "--out", whole, .. args]).ExitCode);
        Assert.Equal(0, CliRunner.Run(dir, ["compare", c, "--out", s1, "--shard", "1/2", .. args]).ExitCode);
        Assert.Equal(0, CliRunner.Run(dir, ["compare", c, "--out", s2, "--shard", "2/2", .. args]).ExitCode);
        // Each shard ran half of the 6 (m, seed) runs.
        Assert.Equal(1 + 3 * 2, File.ReadAllLines(Path.Combine(s1, "compare.csv")).Length);
        var r = CliRunner.Run(dir, "merge", s2, s1, "--out", merged);
        Assert.True(r.ExitCode == 0, r.StdErr);
        static string[] WithoutWallTime(string path) =>
            [.. File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',')[..^1]))];
        Assert.Equal(WithoutWallTime(Path.Combine(whole, "compare.csv")), WithoutWallTime(Path.Combine(merged, "compare.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "rates.csv")), File.ReadAllText(Path.Combine(merged, "rates.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "summary.csv")), File.ReadAllText(Path.Combine(merged, "summary.csv")));
        Assert.True(File.Exists(Path.Combine(merged, "report.md")) && File.Exists(Path.Combine(merged, "mesh-case.resolved.yaml")));

        var missing = CliRunner.Run(dir, "merge", s1, "--out", Path.Combine(dir, "m2"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("shard(s) 2 of 2 missing", missing.StdErr, StringComparison.Ordinal);
        var twice = CliRunner.Run(dir, "merge", s1, s1, s2, "--out", Path.Combine(dir, "m3"));
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("is also in", twice.StdErr, StringComparison.Ordinal);
        var other = CliRunner.Run(dir, "merge", s1, whole, "--out", Path.Combine(dir, "m4"));
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("not the same study", other.StdErr, StringComparison.Ordinal);
        var notStudy = CliRunner.Run(dir, "merge", dir, "--out", Path.Combine(dir, "m5"));
        Assert.Equal(2, notStudy.ExitCode);
        Assert.Contains("not a 'sphereflow compare' output folder", notStudy.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--shard", "3/2" }, "--shard 3/2")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--shard", "two" }, "--shard 'two'")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10,10" }, "must be distinct")]
    [InlineData("teacher2d-particles.yaml", new string[0], "needs a mesh case")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10,abc" }, "--m: 'abc'")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10,0" }, "--m: particle counts must be ≥ 1")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--times", "0,30" }, "past the case's solver.t_end")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--times", "1,0.5" }, "--times must increase")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--stepper", "leapfrog" }, "--stepper: 'leapfrog'")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--placement", "middle" }, "--placement")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--refinement", "2" }, "--refinement 2: a refinement study needs at least 3 levels")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--set", "solver.mesh.cells=66" }, "66 arcs cannot be halved 2 time(s)")]
    [InlineData("teacher2d-mesh.yaml", new[] { "--m", "10", "--set", "solver.mesh.level=1" }, "has no level -1")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--birth-death", "stochastic" }, "--birth-death: applies to flow.kind: birth-death only")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--mesh-margin", "0.5" }, "--mesh-margin must be finite and ≥ 1")]
    public void Bad_input_ends_with_one_line_and_exit_code_2(string caseName, string[] args, string message)
    {
        string dir = CliRunner.TempDir();
        string[] m = args.Contains("--m") ? [] : ["--m", "10"];
        var r = CliRunner.Run(dir, ["compare", BundledCases.Path(caseName), "--out", Path.Combine(dir, "o"), "--quiet", .. m, .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }
}

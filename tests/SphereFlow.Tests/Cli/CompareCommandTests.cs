using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>The <c>sphereflow compare</c> contract: report files, and one-line errors with exit code 2 on bad input.</summary>
public class CompareCommandTests
{
    private static readonly string[] Small =
        ["--m", "20,40", "--seeds", "2", "--times", "0,0.2", "--set", "solver.mesh.cells=64", "--set", "solver.t_end=0.2", "--quiet"];

    [Fact]
    public void Compare_writes_the_report_and_prints_the_rates()
    {
        string dir = CliRunner.TempDir();
        string outDir = Path.Combine(dir, "cmp");
        var r = CliRunner.Run(dir, ["compare", BundledCases.Path("deconv-s1-mesh.yaml"), "--out", outDir, .. Small]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("rate at t = 0, mmd: m^", r.StdOut, StringComparison.Ordinal);
        Assert.Equal(1 + 2 * 2 * 2, File.ReadAllLines(Path.Combine(outDir, "compare.csv")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "compare-mmd.png")));
    }

    [Theory]
    [InlineData("teacher2d-particles.yaml", new string[0], "needs a mesh case")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10,abc" }, "--m: 'abc'")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10,0" }, "--m: particle counts must be ≥ 1")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--times", "0,30" }, "past the case's solver.t_end")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--times", "1,0.5" }, "--times must increase")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--stepper", "leapfrog" }, "--stepper: 'leapfrog'")]
    [InlineData("deconv-s1-mesh.yaml", new[] { "--m", "10", "--placement", "middle" }, "--placement")]
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

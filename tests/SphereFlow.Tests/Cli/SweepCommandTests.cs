using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// The <c>sphereflow sweep</c> contract: one run per grid point and repetition with the case's seeds raised as its
/// <c>sweep:</c> section says, success rates with intervals, shards that <c>merge</c> joins into the unsharded tables,
/// and one-line errors with exit code 2 on bad input.
/// </summary>
public class SweepCommandTests
{
    // SGD on the paper's figure-3 case, shrunk: k = 5, 50 iterations.
    private static readonly string[] Small = ["--set", "problem.data.k=5", "--set", "solver.t_end=0.25", "--quiet"];

    [Fact]
    public void A_sweep_runs_every_point_and_repetition_and_two_shards_merge_to_the_same_rows()
    {
        string dir = CliRunner.TempDir();
        string c = BundledCases.Path("teacher-sgd-paper.yaml");
        string[] args = ["--vary", "solver.m=2,6", "--vary", "solver.batch=10,20", "--reps", "3", "--success-below", "1.5", .. Small];
        string whole = Path.Combine(dir, "whole"), s1 = Path.Combine(dir, "s1"), s2 = Path.Combine(dir, "s2"), merged = Path.Combine(dir, "merged");
        var r = CliRunner.Run(dir, ["sweep", c, "--out", whole, .. args]);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var lines = File.ReadAllLines(Path.Combine(whole, "sweep.csv"));
        Assert.Equal(1 + 2 * 2 * 3, lines.Length);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        // Point-major order: m = 2 with batch 10, then batch 20, …; the teacher seed is the repetition, the init seed 1 + run number.
        Assert.Equal(["2", "10"], new[] { rows[0][Col("solver.m")], rows[0][Col("solver.batch")] });
        Assert.Equal(["2", "20"], new[] { rows[3][Col("solver.m")], rows[3][Col("solver.batch")] });
        Assert.Equal([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3], rows.Select(x => int.Parse(x[Col("seed:problem.data.seed")], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Enumerable.Range(1, 12), rows.Select(x => int.Parse(x[Col("seed:solver.init.seed")], System.Globalization.CultureInfo.InvariantCulture)));
        // Each run is a full run folder whose resolved case carries its point and seeds.
        string resolved = File.ReadAllText(Path.Combine(whole, "runs", "run00011", "case.resolved.yaml"));
        Assert.Contains("m: 6", resolved, StringComparison.Ordinal);
        Assert.Contains("batch: 20", resolved, StringComparison.Ordinal);
        var points = File.ReadAllLines(Path.Combine(whole, "points.csv"));
        Assert.Equal(1 + 4, points.Length);
        Assert.Contains("clopper_pearson_low95", points[0], StringComparison.Ordinal);
        foreach (var f in new[] { "report.md", "sweep.json", "plots/final-energy.png", "plots/success.png" })
            Assert.True(new FileInfo(Path.Combine(whole, f)).Length > 0, f);

        Assert.Equal(0, CliRunner.Run(dir, ["sweep", c, "--out", s1, "--shard", "1/2", .. args]).ExitCode);
        Assert.Equal(0, CliRunner.Run(dir, ["sweep", c, "--out", s2, "--shard", "2/2", .. args]).ExitCode);
        Assert.Equal(1 + 6, File.ReadAllLines(Path.Combine(s1, "sweep.csv")).Length);
        var m = CliRunner.Run(dir, "merge", s2, s1, "--out", merged);
        Assert.True(m.ExitCode == 0, m.StdErr);
        static string[] WithoutWallTime(string path) => [.. File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',')[..^1]))];
        Assert.Equal(WithoutWallTime(Path.Combine(whole, "sweep.csv")), WithoutWallTime(Path.Combine(merged, "sweep.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "points.csv")), File.ReadAllText(Path.Combine(merged, "points.csv")));

        var missing = CliRunner.Run(dir, "merge", s1, "--out", Path.Combine(dir, "m2"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("shard(s) 2 of 2 missing", missing.StdErr, StringComparison.Ordinal);
        var mixed = CliRunner.Run(dir, "merge", s1, whole, "--out", Path.Combine(dir, "m3"));
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("not the same study", mixed.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--vary", "solver.m=1..3", "--reps", "0" }, "--reps 0: must be ≥ 1")]
    [InlineData(new[] { "--vary", "solver.m=1..3", "--shard", "3/2" }, "--shard 3/2")]
    [InlineData(new[] { "--vary", "solver.m=two" }, "--vary 'solver.m=two': solver.m: expected an integer")]
    [InlineData(new[] { "--vary", "solver.nope=1,2" }, "unknown key 'solver.nope'")]
    [InlineData(new[] { "--vary", "solver.m=1", "--vary", "solver.m=2" }, "a key is varied twice")]
    [InlineData(new[] { "--vary", "solver.m=3..1" }, "the range is empty")]
    public void Bad_input_ends_with_one_line_and_exit_code_2(string[] args, string message)
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run(dir, ["sweep", BundledCases.Path("teacher-sgd-paper.yaml"), "--out", Path.Combine(dir, "o"), .. Small, .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }
}

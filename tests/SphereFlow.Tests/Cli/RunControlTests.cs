using System.Globalization;
using System.Text.Json;
using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Solvers.Output;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// Run control: stop criteria (status stopped, the reason named), wall-time checkpoints keeping the last N, --dry-run,
/// --threads, --resume DIR without a case file (also to a later t_end), progress lines when the output is redirected and
/// --quiet.
/// </summary>
public class RunControlTests
{
    private static readonly string SmallCase = SmallTeacherCase.Yaml(40, "4", "{ every: 5, probes: 100 }");

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    [Fact]
    public void Energy_below_stops_at_the_first_recorded_row_under_the_threshold()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        var full = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "full"), "--quiet");
        Assert.True(full.ExitCode == 0, full.StdErr);
        var rows = NumericCsv.Read(Path.Combine(dir, "full", "series.csv"), allowNonFinite: true).Rows;
        // A threshold between two recorded energies: the stopped run must end exactly at the later row.
        int k = rows.Length / 2;
        double threshold = (rows[k - 1][2] + rows[k][2]) / 2;
        var r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "stopped"), "--set", "stop.energy_below=" + threshold.ToString("R", CultureInfo.InvariantCulture));
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Contains("stopped by stop.energy_below", r.StdOut, StringComparison.Ordinal);
        var s = Summary(Path.Combine(dir, "stopped"));
        Assert.Equal("stopped", s.GetProperty("status").GetString());
        Assert.StartsWith("stop.energy_below: F = ", s.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(rows[k][0], s.GetProperty("steps").GetInt64());
        var stopped = NumericCsv.Read(Path.Combine(dir, "stopped", "series.csv"), allowNonFinite: true).Rows;
        Assert.Equal(k + 1, stopped.Length);
        Assert.Equal(rows[k][2], stopped[^1][2]); // the same trajectory up to the stop
    }

    [Fact]
    public void Min_J_above_stops_on_the_rigorous_bound_and_wall_time_stops_after_a_step()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        var full = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "full"), "--quiet");
        Assert.True(full.ExitCode == 0, full.StdErr);
        var rows = NumericCsv.Read(Path.Combine(dir, "full", "series.csv"), allowNonFinite: true);
        int lb = Array.IndexOf(rows.Header, "min_J_lower_bound");
        // min J rises towards 0 along the flow; stop at the first row whose bound exceeds the bound of the middle row.
        int k = rows.Rows.Length / 2;
        double threshold = (rows.Rows[k - 1][lb] + rows.Rows[k][lb]) / 2;
        Assert.True(rows.Rows.Take(k).All(x => x[lb] < threshold), "the test needs min J's bound increasing before row k");
        var r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "j"), "--quiet", "--set", "stop.min_J_above=" + threshold.ToString("R", CultureInfo.InvariantCulture));
        Assert.True(r.ExitCode == 0, r.StdErr);
        var s = Summary(Path.Combine(dir, "j"));
        Assert.Equal("stopped", s.GetProperty("status").GetString());
        Assert.Contains("rigorous lower bound", s.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(rows.Rows[k][0], s.GetProperty("steps").GetInt64());

        var w = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "w"), "--quiet", "--set", "stop.wall_time=1e-9");
        Assert.True(w.ExitCode == 0, w.StdErr);
        var ws = Summary(Path.Combine(dir, "w"));
        Assert.Equal("stopped", ws.GetProperty("status").GetString());
        Assert.Equal(1, ws.GetProperty("steps").GetInt64());
        Assert.StartsWith("stop.wall_time", ws.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "w", "final.csv")));
    }

    [Fact]
    public void Wall_time_checkpoints_keep_the_last_n_and_each_resumes()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase.Replace("output: { every: 5, probes: 100 }", "output: { every: 100, probes: 100, checkpoint_wall_time: 1e-9, checkpoint_keep: 3 }", StringComparison.Ordinal));
        string o = Path.Combine(dir, "o");
        var r = CliRunner.Run(dir, "run", c, "--out", o, "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        // Every step is due (1e-9 s): checkpoint.bin is step 80, the two kept before it steps 78 and 79.
        var kept = Directory.GetFiles(Path.Combine(o, CheckpointWriter.KeptFolder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["checkpoint-000000078.bin", "checkpoint-000000079.bin"], kept);
        foreach (var (file, step) in new[] { ("checkpoint-000000078.bin", 78L), ("checkpoint-000000079.bin", 79L) })
        {
            var draft = CaseReader.Read(c);
            var sc = draft.Build();
            string tmp = CliRunner.TempDir();
            File.Copy(Path.Combine(o, CheckpointWriter.KeptFolder, file), Path.Combine(tmp, CheckpointFile.Name));
            CheckpointFile.Read(tmp, sc.Solver, CaseFingerprint.Of(sc.Problem, CaseWriter.TrajectoryKeys(sc.Spec, sc.Problem.AmbientDim)));
            Assert.Equal(step, sc.Solver.Steps);
            Assert.Equal(step * 0.05, sc.Solver.Time, 1e-12);
        }
    }

    [Fact]
    public void Resume_needs_no_case_file_and_may_go_to_a_later_t_end()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        var full = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "full"), "--quiet", "--set", "solver.t_end=6");
        Assert.True(full.ExitCode == 0, full.StdErr);
        string part = Path.Combine(dir, "part");
        var first = CliRunner.Run(dir, "run", c, "--out", part, "--quiet");
        Assert.True(first.ExitCode == 0, first.StdErr);
        // Resumed in its own folder from its case.resolved.yaml, with a later t_end (not part of the checkpoint's identity).
        var more = CliRunner.Run(dir, "run", "--resume", part, "--quiet", "--set", "solver.t_end=6");
        Assert.True(more.ExitCode == 0, more.StdErr);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "full", "final.csv")), File.ReadAllText(Path.Combine(part, "final.csv")));
        Assert.Equal(6.0, Summary(part).GetProperty("t").GetDouble(), 12);
    }

    [Fact]
    public void Dry_run_prints_the_resolved_case_and_the_estimates_and_writes_nothing()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase);
        var r = CliRunner.Run(dir, "run", c, "--dry-run", "--out", Path.Combine(dir, "o"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
        Assert.Contains("# steps: at least 80 (t_end / dt)", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("# memory: about ", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("particles: m = 40 in R^3, rk4 (4 stages)", r.StdOut, StringComparison.Ordinal);
        // The resolved case (the lines before the estimates) is a case file that reads back to the same specification.
        string resolved = string.Join('\n', r.StdOut.Split('\n').Where(l => !l.StartsWith('#')));
        string back = Path.Combine(dir, "back.yaml");
        File.WriteAllText(back, resolved);
        Assert.Equal(CaseWriter.Write(CaseReader.Read(c).Spec, 3), CaseWriter.Write(CaseReader.Read(back).Spec, 3));
        // A case over the limits: the estimates are printed, then the refusal (exit 2).
        var big = CliRunner.Run(dir, "run", c, "--dry-run", "--set", "solver.m=100000000", "--max-memory", "1G");
        Assert.Equal(2, big.ExitCode);
        Assert.Contains("# memory: about 102.5 GB", big.StdOut, StringComparison.Ordinal);
        Assert.Contains("reduce solver.m", big.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Threads_do_not_change_the_results()
    {
        string dir = CliRunner.TempDir();
        string c = SmallTeacherCase.Write(dir, SmallCase.Replace("m: 40", "m: 3000", StringComparison.Ordinal).Replace("t_end: 4", "t_end: 0.5", StringComparison.Ordinal));
        var one = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "one"), "--quiet", "--threads", "1");
        Assert.True(one.ExitCode == 0, one.StdErr);
        var two = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "two"), "--quiet", "--threads", "2");
        Assert.True(two.ExitCode == 0, two.StdErr);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "one", "final.csv")), File.ReadAllText(Path.Combine(dir, "two", "final.csv")));
    }

    [Fact]
    public void Redirected_output_gets_progress_lines_on_a_wall_clock_even_with_a_huge_output_every_and_quiet_prints_nothing()
    {
        string dir = CliRunner.TempDir();
        // output.every = 10^6: no series row between the first and the last.
        string c = SmallTeacherCase.Write(dir, SmallCase.Replace("output: { every: 5, probes: 100 }", "output: { every: 1000000, probes: 100, bound_cells: 0 }", StringComparison.Ordinal)
                                       .Replace("m: 40", "m: 400", StringComparison.Ordinal).Replace("t_end: 4", "t_end: 25", StringComparison.Ordinal));
        var r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "o"), "--progress-interval", "0.02");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var lines = r.StdOut.Split('\n').Where(l => l.Contains("steps/s", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 2, $"{lines.Count} progress lines:\n{r.StdOut}");
        foreach (var l in lines)
        {
            Assert.Matches(@"^t = \S+ of 25 \(\d+\.\d%\)  step \d+  F = \S+  mass = \S+  Δt = \S+  \S+ steps/s  ETA (\d+:\d\d:\d\d|\?)$", l);
            Assert.DoesNotContain("NaN", l, StringComparison.Ordinal);
        }
        var q = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "q"), "--quiet", "--progress-interval", "0.02");
        Assert.True(q.ExitCode == 0, q.StdErr);
        Assert.Equal("", q.StdOut);
        Assert.Equal("", q.StdErr);
    }
}

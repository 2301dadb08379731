using System.Security.Cryptography;
using SphereFlow.IO;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// The bad-input contract, one kind of bad input per row: the real <c>sphereflow</c> program must end with exit code 2
/// (3 for a divergence), print one line on stderr naming the culprit (file, key, row, option or folder), print no stack
/// trace, leave every file that existed before byte-identical (an earlier run's outputs sit beside every command), and
/// finish within <see cref="Limit"/> (a hang or a runaway allocation fails the row instead of stalling the suite).
/// </summary>
public class BadInputSuiteTests : IClassFixture<BadInputSuiteTests.Shards>
{
    /// <summary>Longest a bad-input command may take: every row finishes in well under a second; this only catches hangs.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly Shards _shards;

    public BadInputSuiteTests(Shards shards) => _shards = shards;

    private static readonly string SmallCase = SmallTeacherCase.Yaml(2, "0.2", "{ every: 2, probes: 100 }");

    private const string AliasBomb = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i]
        """;

    /// <summary>One bad input: files to write into the test folder, the command line, the exit code and the text naming the culprit.</summary>
    /// <param name="Files">File name → content, written before the command runs.</param>
    /// <param name="Args">The command line; "{dir}" stands for the test folder.</param>
    /// <param name="Code">Expected exit code.</param>
    /// <param name="Culprit">Text the error line must contain; "{dir}" stands for the test folder.</param>
    public sealed record Bad(Dictionary<string, string> Files, string[] Args, int Code, string Culprit)
    {
        /// <summary>Prepares the test folder further (given the folder and the class's fixture runs) before the command runs.</summary>
        public Action<string, Shards>? Prepare { get; init; }
    }

    private static Dictionary<string, string> Case(string? text = null, params (string Name, string Text)[] more)
    {
        var files = new Dictionary<string, string> { ["case.yaml"] = text ?? SmallCase };
        foreach (var (n, t) in more) files[n] = t;
        return files;
    }

    private static Bad RunSet(string set, string culprit, int code = 2) =>
        new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--set", set], code, culprit);

    private static Bad RunFile(string text, string culprit, params (string Name, string Text)[] more) =>
        new(Case(text, more), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet"], 2, culprit);

    private static Bad InitCsv(string csv, string culprit, int m = 2) =>
        new(Case(SmallCase, ("init.csv", csv)), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--set", "solver.init={kind: csv, path: init.csv}", "--set", $"solver.m={m}"], 2, culprit);

    private static Bad DataCsv(string csv, string culprit) =>
        RunFile(SmallCase.Replace(SmallTeacherCase.DataLine, "data: { kind: csv, path: data.csv }", StringComparison.Ordinal),
                culprit, ("data.csv", csv));

    private static string Mesh => BundledCases.Path("deconv-s1-mesh.yaml");

    /// <summary>A resume of the fixture's finished run (copied to {dir}/run), after <paramref name="damage"/> changed the copy.</summary>
    private static Bad Resume(string culprit, string[] args, Action<string>? damage = null) =>
        new(Case(), ["run", .. args, "--resume", "{dir}/run", "--out", "{dir}/resumed", "--quiet"], 2, culprit)
        {
            Prepare = (dir, shards) =>
            {
                CopyFolder(shards.Run, Path.Combine(dir, "run"));
                damage?.Invoke(Path.Combine(dir, "run"));
            },
        };

    /// <summary>Flips 60 bytes of a file, spread over it (as a bad disk or copy would).</summary>
    private static void FlipBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        for (int i = 0; i < 60; i++) bytes[(int)((long)(i + 1) * (bytes.Length - 1) / 61)] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
    }

    private static readonly string[] SmallStudy = ["--seeds", "2", "--times", "0,0.1", "--set", "solver.mesh.cells=32", "--set", "solver.t_end=0.1", "--quiet"];

    /// <summary>Every kind of bad input, by name.</summary>
    public static readonly Dictionary<string, Bad> Inputs = new()
    {
        // Case files: YAML itself.
        ["yaml self-referencing anchor"] = RunFile("a: &a [*a]\n", "line 1: YAML anchors (&a)"),
        ["yaml alias bomb"] = RunFile(AliasBomb, "YAML anchors (&a)"),
        ["yaml alias without anchor"] = RunFile("problem: *a\n", "YAML aliases (*a)"),
        ["yaml nesting 100000 deep"] = RunFile("a: " + new string('[', 100_000) + new string(']', 100_000) + "\n", "nested more than 32 levels"),
        ["yaml syntax error"] = RunFile("problem: [unclosed\n", "case.yaml: line"),
        ["yaml empty file"] = RunFile("", "case.yaml: empty case file"),
        ["yaml root is a list"] = RunFile("- problem\n- solver\n", "must be a mapping of sections"),
        ["yaml key that is a list"] = RunFile("[a, b]: 1\n", "keys must be plain names"),
        ["case file missing"] = new(Case(), ["run", "{dir}/nope.yaml", "--quiet"], 2, "nope.yaml"),
        ["case file is a folder"] = new(Case(), ["run", "{dir}", "--out", "{dir}/out", "--quiet"], 2, "{dir}"),
        ["unknown key in the file"] = RunFile(SmallCase.Replace("  t_end: 0.2", "  t_end: 0.2\n  tend: 5", StringComparison.Ordinal), "case.yaml: unknown key 'solver.tend'"),
        // --set overrides.
        ["--set anchor"] = RunSet("solver.m=&a [*a]", "--set 'solver.m=&a [*a]': line 1: YAML anchors"),
        ["--set alias"] = RunSet("solver.m=*a", "YAML aliases (*a)"),
        ["--set unknown key"] = RunSet("solver.foo=1", "--set 'solver.foo=1': unknown key 'solver.foo'"),
        ["--set unknown section"] = RunSet("solverr.dt=1", "--set 'solverr.dt=1': unknown key 'solverr'"),
        ["--set without ="] = RunSet("solver.dt", "--set 'solver.dt': expected key=value"),
        ["--set empty key segment"] = RunSet("solver..dt=1", "empty key segment"),
        ["--set into a value"] = RunSet("solver.dt.x=1", "'solver.dt' is not a mapping"),
        // Values.
        ["m out of range"] = RunSet("solver.m=1e12", "solver.m: must be in [1, 100000000] (got 1000000000000)"),
        ["m not an integer"] = RunSet("solver.m=2.5", "solver.m: expected an integer, got '2.5'"),
        ["dt zero"] = RunSet("solver.dt=0", "solver.dt: must be > 0"),
        ["dt negative"] = RunSet("solver.dt=-1", "solver.dt: must be > 0"),
        ["t_end not finite"] = RunSet("solver.t_end=.inf", "solver.t_end"),
        ["alpha NaN"] = RunSet("flow.alpha=nan", "flow.alpha"),
        ["lambda negative"] = RunSet("problem.lambda=-0.5", "problem.lambda"),
        ["unknown flow"] = RunSet("flow.kind=teleport", "flow.kind: 'teleport' is not one of"),
        ["unknown features"] = RunSet("problem.features=sigmoid", "problem.features"),
        ["unknown stepper"] = RunSet("solver.stepper=leapfrog", "solver.stepper"),
        ["unknown solver"] = RunSet("solver.kind=magic", "solver.kind"),
        ["output.every zero"] = RunSet("output.every=0", "output.every"),
        ["quadrature in k = 3"] = RunSet("problem.data.k=3", "angular quadrature"),
        ["number given a list"] = RunSet("solver.dt=[1, 2]", "solver.dt: expected a number"),
        ["section given a value"] = RunSet("solver.init=7", "solver.init: expected a mapping"),
        ["init csv without path"] = RunSet("solver.init={kind: csv}", "--set 'solver.init={kind: csv}': solver.init.path: missing"),
        ["init csv file missing"] = RunSet("solver.init={kind: csv, path: none.csv}", "none.csv"),
        // Initial-measure CSV.
        ["init csv header"] = InitCsv("m,x,y,z\n1,1,0,0\n2,0,1,0\n", "init.csv: header must be 'mass,eta0,eta1,eta2'"),
        ["init csv negative mass"] = InitCsv("mass,eta0,eta1,eta2\n1,1,0,0\n-2,0,1,0\n", "init.csv: line 3: negative mass"),
        ["init csv point off the sphere"] = InitCsv("mass,eta0,eta1,eta2\n1,1,0,0\n1,0,2,0\n", "init.csv: line 3: point is not on the unit sphere"),
        ["init csv not a number"] = InitCsv("mass,eta0,eta1,eta2\n1,1,0,0\n1,zero,1,0\n", "init.csv: line 3, column 'eta0'"),
        ["init csv masses overflow"] = InitCsv("mass,eta0,eta1,eta2\n1e308,1,0,0\n1e308,0,1,0\n", "init.csv: the masses add up to"),
        ["init csv mass 1e308"] = InitCsv("mass,eta0,eta1,eta2\n1e308,0.6,0.8,0\n", "init.csv: the initial measure gives a non-finite initial energy", m: 1),
        ["init csv row count"] = InitCsv("mass,eta0,eta1,eta2\n1,1,0,0\n1,0,1,0\n", "solver.m: does not match the 2 atoms", m: 3),
        ["init csv ragged row"] = InitCsv("mass,eta0,eta1,eta2\n1,1,0,0\n1,0,1\n", "init.csv: line 3: 3 fields"),
        // Data CSV.
        ["data csv negative weight"] = DataCsv("x0,x1,y,weight\n1,2,3,0.5\n1,2,3,-0.5\n", "data.csv: line 3: negative weight"),
        ["data csv not a number"] = DataCsv("x0,x1,y,weight\n1,2,3,0.5\n1,oops,3,0.5\n", "data.csv: line 3, column 'x1'"),
        ["data csv empty"] = DataCsv("", "data.csv"),
        // Output folders.
        ["--out is a file"] = new(Case(SmallCase, ("afile", "not a folder")), ["run", "{dir}/case.yaml", "--out", "{dir}/afile", "--quiet"], 2, "{dir}/afile: --out names an existing file"),
        ["--out below a file"] = new(Case(SmallCase, ("afile", "not a folder")), ["run", "{dir}/case.yaml", "--out", "{dir}/afile/sub", "--quiet"], 2, "{dir}/afile/sub: cannot create the output folder"),
        ["--out not permitted"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "/sys/sphereflow-test-out", "--quiet"], 2, "/sys/sphereflow-test-out: cannot create the output folder"),
        ["--out holds an earlier run"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/earlier", "--quiet"], 2, "{dir}/earlier: holds the outputs of an earlier run"),
        ["compare --out holds an earlier run"] = new(Case(), ["compare", Mesh, "--m", "10", "--out", "{dir}/earlier", "--quiet"], 2, "{dir}/earlier: holds the outputs of an earlier run"),
        ["mesh --out holds an earlier run"] = new(Case(), ["mesh", "--dim", "1", "--kind", "uniform", "--level", "8", "--out", "{dir}/earlier"], 2, "{dir}/earlier: holds the outputs"),
        ["validate --out holds an earlier run"] = new(Case(), ["validate", "--quick", "--only", "figure2", "--out", "{dir}/earlier", "--quiet"], 2, "{dir}/earlier: holds the outputs"),
        // Resume.
        ["resume without checkpoint"] = new(Case(), ["run", "{dir}/case.yaml", "--resume", "{dir}/empty", "--out", "{dir}/out", "--quiet"], 2, "checkpoint.bin: no checkpoint"),
        ["resume a checkpoint with 60 flipped bytes"] = Resume("{dir}/run/checkpoint.bin: the checkpoint is damaged (its SHA-256 checksum does not match", [],
                                                               run => FlipBytes(Path.Combine(run, "checkpoint.bin"))),
        ["resume with another flow"] = Resume("the checkpoint is of another case: flow.kind is 'wasserstein' here but 'wfr' in the checkpoint; flow.alpha is '0' here but '4'", ["{dir}/case.yaml", "--set", "flow={kind: wasserstein}"]),
        ["resume with another teacher seed"] = Resume("the checkpoint is of another case: problem.data.seed is '5' here but '4' in the checkpoint", ["{dir}/case.yaml", "--set", "problem.data.seed=5"]),
        ["resume after the data file changed"] = new(Case(SmallCase.Replace(SmallTeacherCase.DataLine, "data: { kind: csv, path: data.csv }", StringComparison.Ordinal)),
                                                     ["run", "{dir}/case.yaml", "--resume", "{dir}/run", "--out", "{dir}/resumed", "--quiet"], 2,
                                                     "{dir}/run/checkpoint.bin: the checkpoint is of another case: the problem's data differ")
        {
            // A run on a data CSV, whose file is then edited in place: every key is the same, the data hash is not.
            Prepare = (dir, _) =>
            {
                File.WriteAllText(Path.Combine(dir, "data.csv"), "x0,x1,y,weight\n1,0,0.5,1\n0,1,0.25,1\n-1,0.5,0,1\n");
                var r = CliRunner.Run(dir, Limit, "run", Path.Combine(dir, "case.yaml"), "--out", Path.Combine(dir, "run"), "--quiet");
                Assert.True(r.ExitCode == 0, r.StdErr);
                File.WriteAllText(Path.Combine(dir, "data.csv"), "x0,x1,y,weight\n1,0,0.5,1\n0,1,0.25,1\n-1,0.5,0.125,1\n");
            },
        },
        ["resume names the checkpoint file"] = new(Case(), ["run", "--resume", "{dir}/earlier/checkpoint.bin", "--quiet"], 2, "--resume {dir}/earlier/checkpoint.bin: expects the run folder (here {dir}/earlier)")
        {
            Prepare = (dir, _) => File.WriteAllText(Path.Combine(dir, "earlier", "checkpoint.bin"), "x"),
        },
        ["resume a folder without its case"] = new(Case(), ["run", "--resume", "{dir}/empty", "--quiet"], 2, "{dir}/empty/case.resolved.yaml not found"),
        ["resume a folder that does not exist"] = new(Case(), ["run", "--resume", "{dir}/nowhere", "--quiet"], 2, "--resume {dir}/nowhere: folder not found"),
        ["run without a case"] = new(Case(), ["run", "--quiet"], 2, "give a case file"),
        // Resources: refused before anything is allocated, naming the keys.
        ["memory: k = 100000, n = 100000 Monte Carlo data"] = RunSet("problem.data={kind: teacher, k: 100000, sampling: montecarlo, n: 100000}", "reduce problem.data.n, problem.data.k"),
        ["memory: solver.m = 1e8"] = RunSet("solver.m=100000000", "reduce solver.m (or allow it with --max-memory)"),
        ["memory: snapshots of a large run"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--set", "solver.m=1000000", "--set", "solver.t_end=1000", "--set", "output.snapshots={every: 1}", "--max-memory", "64G"], 2, "[output.snapshots]"),
        ["steps: dt = 1e-300"] = RunSet("solver.dt=1e-300", "solver.t_end / solver.dt = 2E+299 steps at least, more than the limit of 1E+08"),
        ["step size collapses at run time"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--set", "solver.dt=1e-300", "--max-steps", "1e400"], 3, "step size Δt (collapsed"),
        ["adaptive step control collapses"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--set", "solver.stepper=adaptive", "--set", "solver.tolerance=1e-300"], 3, "rejected steps in a row"),
        ["--max-memory not a size"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--max-memory", "lots"], 2, "--max-memory 'lots': expected a size"),
        ["--max-steps negative"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--max-steps", "-5"], 2, "--max-steps -5: must be > 0"),
        ["--threads 0"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--threads", "0"], 2, "--threads 0: must be ≥ 1"),
        // Run control keys.
        ["stop.wall_time zero"] = RunSet("stop.wall_time=0", "stop.wall_time: must be > 0"),
        ["stop unknown criterion"] = RunSet("stop.steps_above=10", "unknown key 'stop.steps_above'"),
        ["snapshots with two schedules"] = RunSet("output.snapshots={every: 2, interval: 0.5}", "output.snapshots: give exactly one of every (steps), interval (time) or times"),
        ["snapshots every 0 steps"] = RunSet("output.snapshots={every: 0}", "output.snapshots.every: must be in [1,"),
        ["snapshot times negative"] = RunSet("output.snapshots={times: [0.1, -1]}", "output.snapshots.times: expected a non-empty list of times ≥ 0"),
        ["checkpoint_keep zero"] = RunSet("output.checkpoint_keep=0", "output.checkpoint_keep: must be in [1, 1000]"),
        // compare, merge, bench, mesh, validate options.
        ["compare --m 1e9"] = new(Case(), ["compare", Mesh, "--m", "1e9", "--out", "{dir}/c", "--quiet"], 2, "--m: 1e9 particles is more than a particle run allows"),
        ["compare --m text"] = new(Case(), ["compare", Mesh, "--m", "ten", "--out", "{dir}/c", "--quiet"], 2, "--m: 'ten'"),
        ["compare on a particle case"] = new(Case(), ["compare", "{dir}/case.yaml", "--m", "10", "--out", "{dir}/c", "--quiet"], 2, "needs a mesh case"),
        ["compare --shard 3/2"] = new(Case(), ["compare", Mesh, "--m", "10", "--shard", "3/2", "--out", "{dir}/c", "--quiet"], 2, "--shard 3/2"),
        ["merge folder missing"] = new(Case(), ["merge", "{dir}/nope", "--out", "{dir}/m"], 2, "{dir}/nope: folder not found"),
        ["merge not a study"] = new(Case(), ["merge", "{dir}/earlier", "--out", "{dir}/m"], 2, "not a 'sphereflow compare' output folder"),
        ["bench --filter matching nothing"] = new(Case(), ["bench", "--quick", "--filter", "zzz"], 2, "--filter 'zzz': no bench case matches"),
        ["mesh unknown kind"] = new(Case(), ["mesh", "--dim", "2", "--kind", "cubed", "--level", "1"], 2, "cubed"),
        ["mesh dimension 0"] = new(Case(), ["mesh", "--dim", "0", "--kind", "uniform", "--level", "1"], 2, "--dim must be ≥ 1"),
        ["validate unknown case"] = new(Case(), ["validate", "--quick", "--only", "figure9", "--out", "{dir}/v"], 2, "--only: unknown case 'figure9'"),
        ["validate cases folder missing"] = new(Case(), ["validate", "--quick", "--cases", "{dir}/nocases", "--out", "{dir}/v"], 2, "{dir}/nocases: folder not found"),
        ["unknown option"] = new(Case(), ["run", "{dir}/case.yaml", "--no-such-option"], 2, "--no-such-option"),
        ["unknown command"] = new(Case(), ["frobnicate"], 2, "frobnicate"),
        // Divergence: exit 3, named step and quantity.
        ["divergence"] = new(Case(), ["run", "{dir}/case.yaml", "--out", "{dir}/out", "--quiet", "--set", "solver.dt=40", "--set", "solver.t_end=4000", "--set", "output.every=1", "--set", "solver.stepper=euler", "--set", "solver.m=40"], 3, "diverged at step"),
    };

    /// <summary>The names of <see cref="Inputs"/>.</summary>
    public static TheoryData<string> Names => [.. Inputs.Keys];

    [Fact]
    public void The_suite_covers_at_least_40_kinds_of_bad_input() => Assert.True(Inputs.Count >= 40, $"{Inputs.Count} kinds");

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_input_gets_its_exit_code_and_one_line_naming_the_culprit_and_touches_no_earlier_output(string name)
    {
        var bad = Inputs[name];
        string dir = CliRunner.TempDir();
        foreach (var (file, text) in bad.Files) File.WriteAllText(Path.Combine(dir, file), text);
        Directory.CreateDirectory(Path.Combine(dir, "empty"));
        WriteEarlierRun(Path.Combine(dir, "earlier"));
        bad.Prepare?.Invoke(dir, _shards);
        var before = Snapshot(dir);
        var r = CliRunner.Run(dir, Limit, [.. bad.Args.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal))]);
        string culprit = bad.Culprit.Replace("{dir}", dir, StringComparison.Ordinal);
        string err = r.StdErr.Trim();
        Assert.True(r.ExitCode == bad.Code, $"{name}: exit {r.ExitCode}, expected {bad.Code}; stderr: {err}");
        Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", r.StdErr, StringComparison.Ordinal);
        Assert.True(err.Split('\n').Length == 1, $"{name}: more than one line on stderr: {err}");
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
        Assert.Contains(culprit, err, StringComparison.Ordinal);
        var after = Snapshot(dir);
        foreach (var (path, hash) in before)
            Assert.True(after.TryGetValue(path, out var h) && h == hash, $"{name}: {path} was changed or removed");
    }

    [Fact]
    public void A_locked_output_folder_is_refused_while_its_lock_is_held_and_free_after()
    {
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "case.yaml"), SmallCase);
        string o = Path.Combine(dir, "locked");
        Directory.CreateDirectory(o);
        using (FolderLock.Acquire(o))
        {
            var r = CliRunner.Run(dir, Limit, "run", Path.Combine(dir, "case.yaml"), "--out", o, "--quiet");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains($"{o}: another sphereflow command is writing to this folder", r.StdErr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(o, "series.csv")));
        }
        var ok = CliRunner.Run(dir, Limit, "run", Path.Combine(dir, "case.yaml"), "--out", o, "--quiet");
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        Assert.False(File.Exists(Path.Combine(o, FolderLock.FileName)));
    }

    [Fact]
    public void Force_replaces_an_earlier_run_so_no_old_file_survives()
    {
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "case.yaml"), SmallCase);
        string o = Path.Combine(dir, "earlier");
        WriteEarlierRun(o);
        // A diverging run with --force: the old final.csv must not sit beside the new series.
        var r = CliRunner.Run(dir, Limit, "run", Path.Combine(dir, "case.yaml"), "--out", o, "--quiet", "--force",
                              "--set", "solver.dt=40", "--set", "solver.t_end=4000", "--set", "output.every=1", "--set", "solver.stepper=euler", "--set", "solver.m=40");
        Assert.Equal(3, r.ExitCode);
        Assert.False(File.Exists(Path.Combine(o, "final.csv")));
        Assert.DoesNotContain("earlier", File.ReadAllText(Path.Combine(o, "summary.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(o, "notes.txt")), "a file that is not a SphereFlow output is kept");
    }

    [Fact]
    public void Merge_names_the_shard_that_lacks_rows_and_refuses_to_write_onto_a_shard()
    {
        string dir = CliRunner.TempDir();
        string s1 = Path.Combine(dir, "s1"), s2 = Path.Combine(dir, "s2");
        CopyFolder(_shards.First, s1);
        CopyFolder(_shards.Second, s2);
        var lines = File.ReadAllLines(Path.Combine(s2, "compare.csv"));
        File.WriteAllLines(Path.Combine(s2, "compare.csv"), lines[..^1]);
        var before = Snapshot(dir);
        var r = CliRunner.Run(dir, Limit, "merge", s1, s2, "--out", Path.Combine(dir, "merged"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{Path.Combine(s2, "compare.csv")}: shard 2/2 lacks the row", r.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "merged")));
        var onto = CliRunner.Run(dir, Limit, "merge", s1, s2, "--out", s1, "--force");
        Assert.Equal(2, onto.ExitCode);
        Assert.Contains("is one of the shards being merged", onto.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(dir));
    }

    /// <summary>Two shards of one small study, and one finished run of the small case, run once for the class.</summary>
    public sealed class Shards
    {
        public Shards()
        {
            string dir = CliRunner.TempDir();
            File.WriteAllText(Path.Combine(dir, "case.yaml"), SmallCase);
            Run = Path.Combine(dir, "run");
            var run = CliRunner.Run(dir, ["run", Path.Combine(dir, "case.yaml"), "--out", Run, "--quiet"]);
            if (run.ExitCode != 0) throw new InvalidOperationException(run.StdErr);
            First = Path.Combine(dir, "s1");
            Second = Path.Combine(dir, "s2");
            foreach (var (o, k) in new[] { (First, "1/2"), (Second, "2/2") })
            {
                var r = CliRunner.Run(dir, ["compare", Mesh, "--m", "10,20", "--out", o, "--shard", k, .. SmallStudy]);
                if (r.ExitCode != 0) throw new InvalidOperationException(r.StdErr);
            }
        }

        public string First { get; }
        public string Second { get; }
        public string Run { get; }
    }

    private static void WriteEarlierRun(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "summary.json"), "{\"status\": \"completed\", \"note\": \"earlier\"}\n");
        File.WriteAllText(Path.Combine(dir, "final.csv"), "mass,eta0,eta1,eta2\n1,1,0,0\n");
        File.WriteAllText(Path.Combine(dir, "series.csv"), "step,t,energy,mass,min_J\n0,0,1,1,0\n");
        File.WriteAllText(Path.Combine(dir, "mesh.csv"), "cell,measure,eta0,eta1\n0,6.283185307179586,1,0\n");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "my notes\n");
    }

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                 .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static void CopyFolder(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}

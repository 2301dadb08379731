using SphereFlow.Cases;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cases;

/// <summary>
/// The documented keys (<see cref="CaseKeys"/>) are exactly the keys the readers apply: cases covering every branch of the
/// readers are read with recording on (<see cref="CaseNode.Record"/>), and every key read must be documented with the same
/// type, choices and default, and every documented key must be read by some case. The README's key table is the generated
/// one, and <c>sphereflow keys</c> prints every key.
/// </summary>
public class CaseKeysTests
{
    /// <summary>The bundled cases plus overrides that reach every reader branch (init kinds, densities, data kinds, solver kinds, output and stop keys).</summary>
    private static IEnumerable<(string Case, string[] Sets)> Exemplars(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "data.csv"), "x0,x1,y,weight\n1,0,0.5,1\n0,1,0.25,1\n");
        File.WriteAllText(Path.Combine(dir, "init.csv"), "mass,eta0,eta1,eta2\n0.5,1,0,0\n0.5,0,1,0\n");
        File.WriteAllText(Path.Combine(dir, "cells.csv"), "cell,mass\n0,1\n");
        string teacher = BundledCases.Path("teacher2d-particles.yaml"), mesh = BundledCases.Path("teacher2d-mesh.yaml");
        string deconv = BundledCases.Path("deconv-s1-particles.yaml"), deconvMesh = BundledCases.Path("deconv-s1-mesh.yaml"), sgd = BundledCases.Path("teacher-k100-sgd.yaml");
        string Csv(string name) => Path.Combine(dir, name);
        yield return (teacher, []);
        yield return (mesh, []);
        yield return (deconv, []);
        yield return (deconvMesh, []);
        yield return (sgd, []);
        yield return (BundledCases.Path("teacher-sgd-paper.yaml"), []);
        yield return (mesh, ["solver.init={kind: from-particles, m: 20, seed: 2, sampling: unit-weights}"]);
        yield return (teacher, ["problem.data={kind: csv, path: " + Csv("data.csv") + "}", "problem.loss=logistic", "problem.kernel=pairwise", "solver.init={kind: csv, path: " + Csv("init.csv") + "}"]);
        yield return (teacher, ["solver.init={kind: stratified, mass: 2, seed: 3}", "solver.stepper=adaptive", "solver.tolerance=1e-6"]);
        yield return (teacher, ["problem.data={kind: teacher, k: 3, m0: 2, seed: 2, sampling: montecarlo, n: 50, neurons: [[1, 1, 0, 0], [-1, 0, 1, 0]]}"]);
        yield return (teacher, ["flow={kind: birth-death, alpha: 1, beta: 1}", "solver.birth_death=stochastic", "solver.birth_death_until=3", "solver.seed=4"]);
        yield return (teacher, ["flow={kind: wasserstein}", "solver.kind=weights", "solver.stepper=adaptive"]);
        yield return (teacher, ["solver.init={kind: from-mesh, mesh: {kind: icosahedral, level: 1}, density: {kind: vonmises, centers: [[0, 0, 1]], kappa: 5, weights: [1]}, placement: center, sampling: stratified, seed: 2}"]);
        yield return (teacher, ["solver.init={kind: from-mesh, mesh: {kind: icosahedral, level: 1}, density: {kind: from-particles, m: 10, mass: 2, seed: 3, sampling: stratified}}"]);
        yield return (teacher, ["solver.init={kind: from-mesh, mesh: {kind: icosahedral, level: 1}, density: {kind: csv, path: " + Csv("cells.csv") + "}}"]);
        yield return (teacher, ["solver.init={kind: from-mesh, mesh: {kind: icosahedral, level: 1}, density: {kind: from-particles, path: " + Csv("init.csv") + "}}"]);
        yield return (deconv, ["solver.init={kind: from-mesh, mesh: {kind: uniform, cells: 64}, density: {kind: uniform, mass: 1}}"]);
        yield return (mesh, ["solver.init={kind: vonmises, centers: [[0, 0, 1]], kappa: 4, weights: [1]}", "solver.order=2", "solver.limiter=minmod", "solver.cfl=0.5", "solver.stepper=ssprk3"]);
        yield return (mesh, ["solver.init={kind: csv, path: " + Csv("cells.csv") + "}"]);
        yield return (mesh, ["solver.init={kind: from-particles, m: 20, seed: 2, sampling: stratified, mass: 1}"]);
        yield return (mesh, ["solver.init={kind: from-particles, path: " + Csv("init.csv") + "}"]);
        yield return (mesh, ["problem={features: vonmises, kappa: 3, data: {kind: deconvolution, sphere: 2, spikes: [[0, 0, 1]], weights: [1], n: 20, noise: 0.1, seed: 2}}"]);
        yield return (teacher, ["output={every: 3, probes: 10, bound_cells: 100, bound_tolerance: 1e-6, blowup_factor: 20, snapshots: {every: 5}, checkpoint_wall_time: 60, checkpoint_keep: 2}",
                                "stop={energy_below: 1e-3, min_J_above: -1e-4, wall_time: 100}"]);
        yield return (teacher, ["output.snapshots={interval: 0.5}"]);
        yield return (teacher, ["output.snapshots={times: [0, 1]}"]);
    }

    private static List<KeyRead> ReadAll()
    {
        string dir = CliRunner.TempDir();
        var reads = new List<KeyRead>();
        foreach (var (file, sets) in Exemplars(dir))
        {
            using (CaseNode.Record(reads)) CaseReader.Read(file, sets);
        }
        return reads;
    }

    [Fact]
    public void Every_key_the_readers_apply_is_documented_with_its_type_choices_and_default()
    {
        var reads = ReadAll();
        foreach (var r in reads)
        {
            var doc = CaseKeys.Find(r.Key);
            Assert.True(doc is not null, $"{r.Key} ({r.Type}) is read but not documented in CaseKeys");
            Assert.True(doc.Type.HasFlag(r.Type), $"{r.Key}: read as {r.Type}, documented as {doc.Type}");
            if (r.Choices is not null)
                Assert.True(r.Choices.All(c => doc.Choices!.Contains(c)), $"{r.Key}: choices {string.Join(", ", r.Choices)} not all documented ({string.Join(", ", doc.Choices!)})");
            if (r.Default is not null)
                Assert.True(doc.Default.Contains(r.Default, StringComparison.OrdinalIgnoreCase), $"{r.Key}: the reader's default '{r.Default}' is not the documented '{doc.Default}'");
        }
        var read = reads.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var never = CaseKeys.All.Where(k => !read.Contains(k.Key)).Select(k => k.Key).ToList();
        Assert.True(never.Count == 0, $"documented but never read (stale, or the exemplars miss a branch): {string.Join(", ", never)}");
    }

    [Fact]
    public void Every_documented_choice_is_accepted_by_some_reader()
    {
        var reads = ReadAll();
        foreach (var k in CaseKeys.All.Where(k => k.Choices is not null))
        {
            var accepted = reads.Where(r => r.Key == k.Key && r.Choices is not null).SelectMany(r => r.Choices!).ToHashSet(StringComparer.Ordinal);
            Assert.True(k.Choices!.All(accepted.Contains), $"{k.Key}: documented choices {string.Join(", ", k.Choices!.Where(c => !accepted.Contains(c)))} are accepted by no reader");
        }
    }

    [Fact]
    public void The_readme_key_table_is_the_generated_one()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "README.md")) || !File.Exists(Path.Combine(root, "SphereFlow.sln"))) root = Path.GetDirectoryName(root)!;
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        const string Start = "<!-- case-keys:start (generated by `sphereflow keys --markdown`; do not edit) -->\n", End = "<!-- case-keys:end -->";
        int a = readme.IndexOf(Start, StringComparison.Ordinal), b = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(a >= 0 && b > a, "README lacks the generated key table's markers");
        Assert.Equal(CaseKeys.Markdown(), readme[(a + Start.Length)..b]);
    }

    [Fact]
    public void Keys_command_lists_every_key_with_type_default_and_meaning()
    {
        var r = CliRunner.Run(CliRunner.TempDir(), "keys");
        Assert.Equal(0, r.ExitCode);
        foreach (var k in CaseKeys.All)
        {
            Assert.Contains(k.Key + "\n    type:    " + k.TypeText + "\n", r.StdOut, StringComparison.Ordinal);
            Assert.Contains(k.Meaning, r.StdOut, StringComparison.Ordinal);
        }
        var md = CliRunner.Run(CliRunner.TempDir(), "keys", "--markdown");
        Assert.Equal(CaseKeys.Markdown(), md.StdOut);
    }
}

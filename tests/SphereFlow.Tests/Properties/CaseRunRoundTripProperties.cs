using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Cases;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Weights;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Properties;

/// <summary>A small run of a bundled case: the case file and the overrides that make it small and vary every trajectory key.</summary>
public sealed record CaseRun(string File, string[] Overrides)
{
    /// <summary>Readable counterexample: the file and its overrides.</summary>
    public override string ToString() => $"{File} {string.Join(' ', Overrides.Select(o => $"'{o}'"))}";
}

/// <summary>
/// Round trip case → case.resolved.yaml → the same run: the resolved case that <c>run</c> writes is a case file that
/// reproduces the run bit for bit (series.csv without its wall-clock column, final.csv), for random small cases of every
/// solver kind, flow kind, stepper, mesh kind, initialisation and output cadence. A key the writer drops, renames or prints
/// with fewer digits, or a default that the reader and the writer disagree on, changes the second run.
/// </summary>
[Collection(SolverPropertyCollection.Name)]
public class CaseRunRoundTripProperties
{
    private static string N(double x) => x.ToString("R", CultureInfo.InvariantCulture);
    private static Gen<double> Tenths(int lo, int hi) => Gen.Choose(lo, hi).Select(i => i / 10.0);

    private static Gen<string> FlowOverride() =>
        from kind in Gen.Elements("wasserstein", "wfr", "birth-death")
        from alpha in Tenths(5, 40)
        from beta in Tenths(2, 20)
        select kind == "wasserstein" ? $"flow={{kind: wasserstein, beta: {N(beta)}}}" : $"flow={{kind: {kind}, alpha: {N(alpha)}, beta: {N(beta)}}}";

    private static Gen<string[]> Common(int maxSteps, double dt) =>
        from steps in Gen.Choose(2, maxSteps)
        from every in Gen.Choose(1, 3)
        select new[] { $"solver.dt={N(dt)}", $"solver.t_end={N(steps * dt)}", $"output={{every: {every}, probes: 64}}" };

    private static Gen<CaseRun> Particles() =>
        from file in Gen.Elements("teacher2d-particles.yaml", "deconv-s1-particles.yaml")
        from m in Gen.Choose(1, 20)
        from stepper in Gen.Elements(ParticleSteppers.Names.ToArray())
        from flow in FlowOverride()
        from stochastic in Gen.Elements(false, true)
        from seed in Gen.Choose(1, 1000)
        from init in Gen.Elements("uniform", "stratified")
        from dt in Gen.Elements(0.01, 0.05, 0.1)
        from common in Common(8, dt)
        let data = file.StartsWith("teacher", StringComparison.Ordinal) ? new[] { $"problem.data={{kind: teacher, k: 2, m0: 3, seed: {seed}, sampling: quadrature, n: 90}}" } : []
        let bd = flow.Contains("birth-death", StringComparison.Ordinal) ? new[] { $"solver.birth_death={(stochastic ? "stochastic" : "deterministic")}", $"solver.seed={seed}" } : []
        select new CaseRun(file, [.. data, $"solver.m={m}", $"solver.stepper={stepper}", $"solver.tolerance=1e-7", flow, $"solver.init={{kind: {init}, mass: {N(0.5 + seed / 1000.0)}, seed: {seed}}}", .. bd, .. common]);

    private static Gen<CaseRun> Mesh() =>
        from file in Gen.Elements("teacher2d-mesh.yaml", "deconv-s1-mesh.yaml")
        from level in Gen.Choose(0, 1)
        from kind in Gen.Elements("icosahedral", "icosahedral-scvt", "latlong")
        from cells in Gen.Choose(8, 48)
        from stepper in Gen.Elements(MeshSteppers.Names.ToArray())
        from flow in FlowOverride()
        from cfl in Tenths(3, 9)
        from dt in Gen.Elements(0.01, 0.05)
        from common in Common(6, dt)
        let mesh = file.StartsWith("teacher", StringComparison.Ordinal)
            ? new[] { $"solver.mesh={{kind: {kind}, level: {level}}}", "problem.data={kind: teacher, k: 2, m0: 3, seed: 2, sampling: quadrature, n: 90}" }
            : new[] { $"solver.mesh={{kind: uniform, cells: {cells}}}" }
        select new CaseRun(file, [.. mesh, $"solver.stepper={stepper}", flow, $"solver.cfl={N(cfl)}", .. common]);

    private static Gen<CaseRun> Weights() =>
        from m in Gen.Choose(1, 10)
        from stepper in Gen.Elements(WeightSteppers.Names.ToArray())
        from seed in Gen.Choose(1, 1000)
        from common in Common(8, 0.05)
        select new CaseRun("teacher2d-particles.yaml", ["solver.kind=weights", $"solver.stepper={stepper}", "solver.tolerance=1e-7", $"solver.m={m}",
            $"solver.init={{kind: uniform, mass: 1, seed: {seed}}}", "problem.data={kind: teacher, k: 2, m0: 3, seed: 5, sampling: quadrature, n: 90}", .. common]);

    private static Gen<CaseRun> Sgd() =>
        from m in Gen.Choose(1, 10)
        from batch in Gen.Choose(1, 10)
        from seed in Gen.Choose(1, 1000)
        from scale in Gen.Elements(1.0, 2.5)
        from common in Common(8, 0.005)
        select new CaseRun("teacher-k100-sgd.yaml", ["problem.data.k=5", "problem.data.n=30", $"solver.m={m}", $"solver.batch={batch}", $"solver.seed={seed}",
            $"solver.input_step_scale={N(scale)}", $"solver.init={{kind: uniform, mass: 0.5, seed: {seed}}}", .. common]);

    private static Arbitrary<CaseRun> Runs() => Gen.OneOf(Particles(), Mesh(), Weights(), Sgd()).ToArbitrary();

    /// <summary>series.csv without the wall-clock column (the only column that may differ between identical runs).</summary>
    private static string[] SeriesWithoutWallClock(string dir)
    {
        var lines = System.IO.File.ReadAllLines(Path.Combine(dir, "series.csv"));
        int wall = Array.IndexOf(lines[0].Split(','), "wall_seconds");
        return lines.Select(l => wall < 0 ? l : string.Join(',', l.Split(',').Where((_, i) => i != wall))).ToArray();
    }

    /// <summary>Run the case, then run its case.resolved.yaml: the same series and final measure, bit for bit.</summary>
    [SolverProperty]
    public Property Resolved_case_reproduces_the_run_bit_for_bit() => Prop.ForAll(Runs(), run =>
    {
        string root = Path.Combine(Path.GetTempPath(), $"sf-resolved-{Guid.NewGuid():N}");
        try
        {
            var c = CaseReader.Load(BundledCases.Path(run.File), run.Overrides);
            string first = Path.Combine(root, "first"), second = Path.Combine(root, "second");
            CaseRunner.Run(c, first, caseText: CaseWriter.Write(c));
            var again = CaseReader.Load(Path.Combine(first, "case.resolved.yaml"));
            CaseRunner.Run(again, second);
            var a = SeriesWithoutWallClock(first);
            var b = SeriesWithoutWallClock(second);
            Assert.True(a.Length > 2, $"only {a.Length - 1} series rows");
            Assert.Equal(a, b);
            Assert.Equal(System.IO.File.ReadAllBytes(Path.Combine(first, "final.csv")), System.IO.File.ReadAllBytes(Path.Combine(second, "final.csv")));
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, recursive: true); }
    });
}

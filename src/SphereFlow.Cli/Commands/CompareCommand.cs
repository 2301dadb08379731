using System.CommandLine;
using SphereFlow.IO;
using SphereFlow.Validation.Comparison;
using SphereFlow.Validation.Sharding;

namespace SphereFlow.Cli.Commands;

/// <summary>
/// <c>sphereflow compare CASE.yaml --m 100,1000,10000 [--seeds S] [--times t1,t2,…] [--sampling iid|stratified] [--placement jitter|center]
/// [--stepper adaptive|rk4|euler] [--tolerance TOL] [--dt DT] [--kappa K] [--sinkhorn EPS] [--refinement L] [--mesh-margin F]
/// [--birth-death deterministic|stochastic] [--out DIR] [--set key=value]… [--shard k/N]</c>: Eulerian vs Lagrangian study on a mesh case, with a
/// refinement study of the mesh reference.
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var caseArg = new Argument<FileInfo>("case") { Description = "Mesh case file (solver.kind: mesh): the Eulerian reference." };
        var mOpt = new Option<string>("--m") { Description = "Particle counts, comma-separated (e.g. 100,1000,10000).", Required = true };
        var seedsOpt = new Option<int>("--seeds") { Description = "Independent particle samples per m.", DefaultValueFactory = _ => 3 };
        var timesOpt = new Option<string?>("--times") { Description = "Comparison times, comma-separated (default 0, t_end/4, t_end/2, t_end)." };
        var samplingOpt = new Option<string>("--sampling") { Description = "How cells are drawn: iid, or stratified (systematic sampling).", DefaultValueFactory = _ => "iid" };
        var placementOpt = new Option<string>("--placement") { Description = "Particle position in its cell: jitter (uniform in the cell) or center.", DefaultValueFactory = _ => "jitter" };
        var stepperOpt = new Option<string>("--stepper") { Description = "Particle stepper (adaptive: Dormand–Prince with error control).", DefaultValueFactory = _ => "adaptive" };
        var tolOpt = new Option<double>("--tolerance") { Description = "Error tolerance of the adaptive particle stepper.", DefaultValueFactory = _ => 1e-6 };
        var dtOpt = new Option<double?>("--dt") { Description = "Particle time step, the cap for adaptive (default: the case's solver.dt)." };
        var kappaOpt = new Option<double>("--kappa") { Description = "MMD kernel concentration κ in exp(κ(η·η′ − 1)).", DefaultValueFactory = _ => 10 };
        var sinkhornOpt = new Option<double?>("--sinkhorn") { Description = "Also the Sinkhorn divergence with geodesic cost, with this ε (radians); off by default." };
        var outOpt = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: out/compare-<case name>)." };
        var setOpt = new Option<string[]>("--set") { Description = "Override a case key (repeatable).", AllowMultipleArgumentsPerToken = false };
        var refineOpt = new Option<int>("--refinement") { Description = "Levels of the mesh reference's refinement study (≥ 3; the case's mesh is the finest).", DefaultValueFactory = _ => 3 };
        var marginOpt = new Option<double>("--mesh-margin") { Description = "Fit only the m whose mean error is ≥ this times the mesh error estimate.", DefaultValueFactory = _ => 3 };
        var bdOpt = new Option<string?>("--birth-death") { Description = "Birth–death particles for a birth–death mesh case: deterministic (weights) or stochastic (kill/clone)." };
        var shardOpt = new Option<string?>("--shard") { Description = "Run only the k-th of N slices of the particle runs, as k/N (join with 'sphereflow merge')." };
        var quietOpt = new Option<bool>("--quiet") { Description = "No progress lines." };
        var forceOpt = new Option<bool>("--force") { Description = "Replace the outputs of an earlier study in the output folder." };
        var cmd = new Command("compare", "Eulerian (mesh) vs Lagrangian (m particles) study: errors and fitted rates in m.");
        cmd.Arguments.Add(caseArg);
        foreach (var o in new Option[] { mOpt, seedsOpt, timesOpt, samplingOpt, placementOpt, stepperOpt, tolOpt, dtOpt, kappaOpt, sinkhornOpt, refineOpt, marginOpt, bdOpt, outOpt, setOpt, shardOpt, quietOpt, forceOpt }) cmd.Options.Add(o);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var file = pr.GetValue(caseArg)!;
            var shard = Shard.Parse(pr.GetValue(shardOpt));
            var options = new ComparisonOptions
            {
                ParticleCounts = ParseList<int>(pr.GetValue(mOpt)!, "--m", ParseCount),
                Seeds = pr.GetValue(seedsOpt),
                Times = pr.GetValue(timesOpt) is { } t ? ParseList<double>(t, "--times", NumberFormat.TryParse) : null,
                Sampling = pr.GetValue(samplingOpt)!,
                Placement = pr.GetValue(placementOpt)!,
                Stepper = pr.GetValue(stepperOpt)!,
                Tolerance = pr.GetValue(tolOpt),
                ParticleDt = pr.GetValue(dtOpt),
                Kappa = pr.GetValue(kappaOpt),
                SinkhornEpsilon = pr.GetValue(sinkhornOpt),
                Overrides = pr.GetValue(setOpt) ?? [],
                RefinementLevels = pr.GetValue(refineOpt),
                MeshMargin = pr.GetValue(marginOpt),
                BirthDeath = pr.GetValue(bdOpt),
                Shard = shard,
            };
            string name = Path.GetFileNameWithoutExtension(file.Name);
            string outDir = pr.GetValue(outOpt)?.FullName
                            ?? Path.Combine("out", "compare-" + name + (shard.IsSlice ? $"-shard{shard.Index}of{shard.Count}" : ""));
            using var claim = OutputFolderGuard.Claim(outDir, pr.GetValue(forceOpt));
            var result = ComparisonStudy.Run(file.FullName, options, pr.GetValue(quietOpt) ? null : Console.WriteLine);
            ComparisonReport.Write(outDir, result);
            PrintRates(result);
            Console.WriteLine($"done: {result.Rows.Count} comparisons; report in {Path.Combine(outDir, "report.md")}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>Prints the fitted rates at the first and the last comparison time.</summary>
    public static void PrintRates(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var r in result.Rates)
            Console.WriteLine(r.IsFitted
                ? $"rate at t = {r.T:G6}, {r.Metric}: m^{r.Fit.Exponent:F3} (95% [{r.Fit.Low95:F3}, {r.Fit.High95:F3}]) over m = {r.FittedCounts[0]} … {r.FittedCounts[^1]}, mesh error {r.MeshError:E2}"
                : $"rate at t = {r.T:G6}, {r.Metric}: {r.Status} (mesh error {r.MeshError:E2})");
    }

    /// <summary>A particle count: an integer, also written as a number (1e6); one past the particle solver's limit is named.</summary>
    private static int? ParseCount(string s)
    {
        if (NumberFormat.TryParse(s) is not { } x || !double.IsFinite(x) || x != Math.Floor(x)) return null;
        if (x > ComparisonOptions.MaxParticleCount)
            throw new InputException($"--m: {s} particles is more than a particle run allows ({ComparisonOptions.MaxParticleCount}, the limit of solver.m)");
        return (int)Math.Max(x, int.MinValue);
    }

    private static List<T> ParseList<T>(string text, string option, Func<string, T?> parse) where T : struct
    {
        var list = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
            list.Add(parse(part) ?? throw new InputException($"{option}: '{part}' is not a valid value (expected a comma-separated list)"));
        return list;
    }
}

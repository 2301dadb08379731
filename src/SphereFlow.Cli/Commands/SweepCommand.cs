using System.CommandLine;
using SphereFlow.IO;
using SphereFlow.Validation.Sharding;
using SphereFlow.Validation.Sweeps;

namespace SphereFlow.Cli.Commands;

/// <summary>
/// <c>sphereflow sweep CASE.yaml --vary key=v1,v2,…|a..b [--vary …] --reps R [--set key=value]… [--success-below F] [--shard k/N]
/// [--out DIR]</c>: a parameter study over every combination of the varied keys, R repetitions each, with the seeds the
/// case's <c>sweep:</c> section names changed per repetition and per run; one shard of it with <c>--shard</c>.
/// </summary>
public static class SweepCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var caseArg = new Argument<FileInfo>("case") { Description = "Case file; its 'sweep:' section says which seeds change per repetition and per run." };
        var varyOpt = new Option<string[]>("--vary") { Description = "A key and its values: key=v1,v2,… or key=a..b (integers, a..b:s every s-th); repeatable (every combination).", Required = true };
        var repsOpt = new Option<int>("--reps") { Description = "Repetitions per grid point.", DefaultValueFactory = _ => 1 };
        var setOpt = new Option<string[]>("--set") { Description = "Override a case key at every point (repeatable)." };
        var successOpt = new Option<double?>("--success-below") { Description = "A run succeeds when its final energy is below this; the report gives success rates with 95% intervals." };
        var shardOpt = new Option<string?>("--shard") { Description = "Run only the k-th of N slices of the runs, as k/N (join with 'sphereflow merge')." };
        var outOpt = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: out/sweep-<case name>)." };
        var quietOpt = new Option<bool>("--quiet") { Description = "No progress lines." };
        var forceOpt = new Option<bool>("--force") { Description = "Replace the outputs of an earlier sweep in the output folder." };
        var cmd = new Command("sweep", "Parameter study: every combination of the varied keys, R repetitions each; shardable as a job array.");
        cmd.Arguments.Add(caseArg);
        foreach (var o in new Option[] { varyOpt, repsOpt, setOpt, successOpt, shardOpt, outOpt, quietOpt, forceOpt }) cmd.Options.Add(o);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var file = pr.GetValue(caseArg)!;
            var shard = Shard.Parse(pr.GetValue(shardOpt));
            shard.Validate();
            int reps = pr.GetValue(repsOpt);
            if (reps < 1) throw new InputException($"--reps {reps}: must be ≥ 1");
            if (pr.GetValue(successOpt) is { } thr && !double.IsFinite(thr)) throw new InputException("--success-below must be finite");
            var variables = (pr.GetValue(varyOpt) ?? []).Select(SweepVariable.Parse).ToList();
            var plan = SweepStudy.Plan(file.FullName, variables, pr.GetValue(setOpt) ?? []);
            string name = Path.GetFileNameWithoutExtension(file.Name);
            string outDir = pr.GetValue(outOpt)?.FullName ?? Path.Combine("out", "sweep-" + name + (shard.IsSlice ? $"-shard{shard.Index}of{shard.Count}" : ""));
            using var claim = OutputFolderGuard.Claim(outDir, pr.GetValue(forceOpt));
            var options = new SweepOptions { Repetitions = reps, Shard = shard, SuccessBelow = pr.GetValue(successOpt) };
            var result = SweepStudy.Run(plan, options, outDir, pr.GetValue(quietOpt) ? null : Console.WriteLine);
            SweepReport.Write(outDir, result);
            Console.WriteLine($"done: {result.Rows.Count} of {result.Setting.Runs} runs{(shard.IsSlice ? $" (shard {shard})" : "")} in {result.Setting.WallSeconds:F0} s; report in {Path.Combine(outDir, "report.md")}");
            return 0;
        }));
        return cmd;
    }
}

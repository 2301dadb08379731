using System.CommandLine;
using SphereFlow.IO;
using SphereFlow.Validation.Comparison;
using SphereFlow.Validation.Sweeps;

namespace SphereFlow.Cli.Commands;

/// <summary><c>sphereflow merge DIR… --out DIR</c>: joins the shard folders of one <c>compare --shard k/N</c> study or one <c>sweep --shard k/N</c> sweep into one report.</summary>
public static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dirsArg = new Argument<DirectoryInfo[]>("shards") { Description = "Output folders of the shards (compare or sweep --shard k/N).", Arity = ArgumentArity.OneOrMore };
        var outOpt = new Option<DirectoryInfo>("--out") { Description = "Folder for the merged report.", Required = true };
        var forceOpt = new Option<bool>("--force") { Description = "Replace an earlier merged report in the output folder." };
        var cmd = new Command("merge", "Join the outputs of a sharded study (compare or sweep --shard k/N) into one report.");
        cmd.Arguments.Add(dirsArg);
        cmd.Options.Add(outOpt);
        cmd.Options.Add(forceOpt);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var dirs = pr.GetValue(dirsArg)!.Select(d => d.FullName).ToList();
            foreach (var d in dirs)
                if (!Directory.Exists(d)) throw new InputException($"{d}: folder not found");
            string outDir = pr.GetValue(outOpt)!.FullName;
            foreach (var d in dirs)
                if (Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar))
                    throw new InputException($"--out {outDir}: is one of the shards being merged; write the merged report to another folder");
            // The first folder says which kind of study: a comparison (compare.json) or a sweep (sweep.json).
            bool sweep = File.Exists(Path.Combine(dirs[0], SweepSetting.FileName));
            if (!sweep && !File.Exists(Path.Combine(dirs[0], ComparisonSetting.FileName)))
                throw new InputException($"{Path.Combine(dirs[0], ComparisonSetting.FileName)}: file not found (not a 'sphereflow compare' output folder, nor a 'sphereflow sweep' one)");
            using var claim = OutputFolderGuard.Claim(outDir, pr.GetValue(forceOpt));
            if (sweep)
            {
                var merged = SweepMerge.Merge(dirs);
                SweepReport.Write(outDir, merged);
                Console.WriteLine($"done: merged {dirs.Count} shard(s), {merged.Rows.Count} runs ({merged.Setting.WallSeconds:F0} s of wall time in all); report in {Path.Combine(outDir, "report.md")}");
                return 0;
            }
            var result = ComparisonMerge.Merge(dirs);
            ComparisonReport.Write(outDir, result);
            string resolved = Path.Combine(dirs[0], "mesh-case.resolved.yaml");
            if (File.Exists(resolved)) AtomicFile.WriteAllText(Path.Combine(outDir, "mesh-case.resolved.yaml"), File.ReadAllText(resolved));
            CompareCommand.PrintRates(result);
            Console.WriteLine($"done: merged {dirs.Count} shard(s), {result.Rows.Count} comparisons; report in {Path.Combine(outDir, "report.md")}");
            return 0;
        }));
        return cmd;
    }
}

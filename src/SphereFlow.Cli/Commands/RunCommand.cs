using System.CommandLine;
using SphereFlow.Cases;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cli.Commands;

/// <summary><c>sphereflow run CASE.yaml [--out DIR] [--set key=value]… [--resume DIR] [--force]</c>.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var caseArg = new Argument<FileInfo>("case") { Description = "Case file (YAML)." };
        var outOpt = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: out/<case name>)." };
        var setOpt = new Option<string[]>("--set") { Description = "Override a case key, e.g. --set solver.dt=0.01 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var resumeOpt = new Option<DirectoryInfo?>("--resume") { Description = "Continue bit-for-bit from the checkpoint in this run folder." };
        var quietOpt = new Option<bool>("--quiet") { Description = "No progress lines." };
        var forceOpt = new Option<bool>("--force") { Description = "Replace the outputs of an earlier run in the output folder." };
        var cmd = new Command("run", "Run one simulation from a case file.");
        cmd.Arguments.Add(caseArg);
        cmd.Options.Add(outOpt);
        cmd.Options.Add(setOpt);
        cmd.Options.Add(resumeOpt);
        cmd.Options.Add(quietOpt);
        cmd.Options.Add(forceOpt);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            var file = pr.GetValue(caseArg)!;
            string outDir = pr.GetValue(outOpt)?.FullName
                            ?? pr.GetValue(resumeOpt)?.FullName
                            ?? Path.Combine("out", Path.GetFileNameWithoutExtension(file.Name));
            var c = CaseReader.Load(file.FullName, pr.GetValue(setOpt) ?? []);
            bool quiet = pr.GetValue(quietOpt);
            string? resumeDir = pr.GetValue(resumeOpt)?.FullName;
            bool continuing = resumeDir is not null && Path.GetFullPath(resumeDir) == Path.GetFullPath(outDir);
            using var claim = IO.OutputFolderGuard.Claim(outDir, pr.GetValue(forceOpt), continuing);
            var result = CaseRunner.Run(c, outDir, resumeDir, quiet ? null : Console.WriteLine, CaseWriter.Write(c));
            if (InitialStateError.From(file.FullName, c, result) is { } bad) throw bad;
            RunReport.WritePlots(c, result, outDir);
            if (result.Diverged is not null) throw result.Diverged;
            if (result.Rises is { Count: > 0 } rises)
                Console.Error.WriteLine($"warning: F rose between {rises.Count} of {result.Simulation.Series.Count - 1} recorded rows (first at step {rises.FirstStep}, t = {rises.FirstTime:G6}): the step is too large for this flow; reduce solver.dt or use stepper: adaptive");
            var last = result.Simulation.Series[^1];
            Console.WriteLine($"done: {c.Solver.Steps} steps to t = {c.Solver.Time:R}, F = {last.Diagnostics.Energy:E6} (F0 = {result.Simulation.InitialEnergy:E6}), mass = {last.Diagnostics.Mass:E6}; outputs in {outDir}");
            return 0;
        }));
        return cmd;
    }
}

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SphereFlow.Cases;
using SphereFlow.Cli.Progress;
using SphereFlow.IO;
using SphereFlow.Numerics;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cli.Commands;

/// <summary>
/// <c>sphereflow run [CASE.yaml] [--out DIR] [--set key=value]… [--resume DIR] [--force] [--quiet] [--dry-run] [--threads N]
/// [--max-memory SIZE] [--max-steps N]</c>: one simulation, with its limits checked before anything is allocated, progress on
/// the terminal (or plain lines in a log), and a clean stop on Ctrl-C or SIGTERM.
/// </summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var caseArg = new Argument<FileInfo?>("case") { Description = "Case file (YAML); with --resume DIR it defaults to DIR/case.resolved.yaml.", Arity = ArgumentArity.ZeroOrOne };
        var outOpt = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: out/<case name>, or the --resume folder)." };
        var setOpt = new Option<string[]>("--set") { Description = "Override a case key, e.g. --set solver.dt=0.01 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var resumeOpt = new Option<string?>("--resume") { Description = "Continue bit-for-bit from the checkpoint in this run folder (its case.resolved.yaml is the default case)." };
        var quietOpt = new Option<bool>("--quiet") { Description = "Print nothing but warnings and errors." };
        var forceOpt = new Option<bool>("--force") { Description = "Replace the outputs of an earlier run in the output folder." };
        var dryOpt = new Option<bool>("--dry-run") { Description = "Print the resolved case, the step-count and memory estimates and the limits; run nothing." };
        var threadsOpt = new Option<int?>("--threads") { Description = "Threads for the parallel loops (default: all cores); results do not depend on it." };
        var memoryOpt = new Option<string?>("--max-memory") { Description = "Largest memory estimate to accept, e.g. 64G (default: the memory available now)." };
        var stepsOpt = new Option<double?>("--max-steps") { Description = "Largest step count (t_end/dt) to accept (default 1e8)." };
        var progressOpt = new Option<double>("--progress-interval") { Description = "Seconds between progress lines when the output is not a terminal.", DefaultValueFactory = _ => PlainProgress.DefaultInterval };
        var cmd = new Command("run", "Run one simulation from a case file.");
        cmd.Arguments.Add(caseArg);
        foreach (var o in new Option[] { outOpt, setOpt, resumeOpt, quietOpt, forceOpt, dryOpt, threadsOpt, memoryOpt, stepsOpt, progressOpt }) cmd.Options.Add(o);
        cmd.SetAction(pr => CliErrors.Guard(() => Execute(new RunArguments
        {
            Case = pr.GetValue(caseArg)?.FullName,
            Out = pr.GetValue(outOpt)?.FullName,
            Sets = pr.GetValue(setOpt) ?? [],
            Resume = pr.GetValue(resumeOpt),
            Quiet = pr.GetValue(quietOpt),
            Force = pr.GetValue(forceOpt),
            DryRun = pr.GetValue(dryOpt),
            Threads = pr.GetValue(threadsOpt),
            MaxMemory = pr.GetValue(memoryOpt),
            MaxSteps = pr.GetValue(stepsOpt),
            ProgressInterval = pr.GetValue(progressOpt),
        })));
        return cmd;
    }

    /// <summary>The command line of <c>run</c>.</summary>
    public sealed record RunArguments
    {
        /// <summary>Case file (full path), or null.</summary>
        public string? Case { get; init; }
        /// <summary>--out (full path), or null.</summary>
        public string? Out { get; init; }
        /// <summary>--set overrides.</summary>
        public IReadOnlyList<string> Sets { get; init; } = [];
        /// <summary>--resume as given, or null.</summary>
        public string? Resume { get; init; }
        /// <summary>--quiet.</summary>
        public bool Quiet { get; init; }
        /// <summary>--force.</summary>
        public bool Force { get; init; }
        /// <summary>--dry-run.</summary>
        public bool DryRun { get; init; }
        /// <summary>--threads.</summary>
        public int? Threads { get; init; }
        /// <summary>--max-memory as given.</summary>
        public string? MaxMemory { get; init; }
        /// <summary>--max-steps.</summary>
        public double? MaxSteps { get; init; }
        /// <summary>--progress-interval.</summary>
        public double ProgressInterval { get; init; } = PlainProgress.DefaultInterval;
    }

    /// <summary>Runs the command; returns the exit code (errors are thrown, see <see cref="CliErrors"/>).</summary>
    public static int Execute(RunArguments a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Threads is < 1) throw new InputException($"--threads {a.Threads}: must be ≥ 1");
        if (!(a.ProgressInterval > 0) || !double.IsFinite(a.ProgressInterval)) throw new InputException($"--progress-interval {a.ProgressInterval}: must be a number of seconds > 0");
        using var threads = a.Threads is { } n ? ParallelRanges.LimitThreads(n) : null;
        if (a.Threads is { } nt) OpenBlas.SetThreads(nt);
        string? resumeDir = ResumeFolder(a.Resume);
        string casePath = a.Case ?? (resumeDir is not null ? Path.Combine(resumeDir, "case.resolved.yaml") : throw new InputException("run: give a case file (sphereflow run CASE.yaml), or --resume DIR to continue a run"));
        if (a.Case is null && !File.Exists(casePath))
            throw new InputException($"--resume {a.Resume}: {casePath} not found, so the case is unknown; give the case file: sphereflow run CASE.yaml --resume {a.Resume}");
        var draft = CaseReader.Read(casePath, a.Sets);
        var limits = new ResourceLimits(a.MaxMemory is { } mm ? ByteSize.Parse(mm, "--max-memory") : ResourceLimits.AvailableMemory(),
                                        a.MaxSteps is { } ms ? (ms > 0 && !double.IsNaN(ms) ? ms : throw new InputException($"--max-steps {ms}: must be > 0")) : ResourceLimits.DefaultMaxSteps);
        var estimate = draft.Estimate();
        if (a.DryRun) return DryRun(draft, estimate, limits, casePath);
        limits.Check(estimate, casePath);

        string outDir = a.Out ?? resumeDir ?? Path.Combine("out", Path.GetFileNameWithoutExtension(casePath));
        bool continuing = resumeDir is not null && Path.GetFullPath(resumeDir) == Path.GetFullPath(outDir);
        using var claim = OutputFolderGuard.Claim(outDir, a.Force, continuing);
        var c = draft.Build();
        using var signals = new RunSignals(line => Console.Error.WriteLine(line));
        bool live = !a.Quiet && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var callbacks = new List<ScheduledCallback>();
        LiveProgress? bar = null;
        if (live)
        {
            bar = new LiveProgress(AnsiConsole.Console, Path.GetFileNameWithoutExtension(casePath));
            callbacks.Add(new ScheduledCallback(bar, IterationInterval.EveryStep));
        }
        else if (!a.Quiet)
            callbacks.Add(new ScheduledCallback(new PlainProgress(Console.WriteLine), new WallTimeInterval(a.ProgressInterval)));
        var paths = RunReport.Trajectories(c);
        if (paths is not null) callbacks.Add(new ScheduledCallback(paths, new AnyOf(new IterationInterval(c.Options.OutputEvery), AtEnd.Instance)));
        var options = new CaseRunOptions
        {
            ResumeDir = resumeDir,
            CaseText = CaseWriter.Write(c),
            CaseKeys = CaseWriter.TrajectoryKeys(c.Spec, c.Problem.AmbientDim),
            Progress = a.Quiet || live ? null : Console.WriteLine,
            Callbacks = callbacks,
            OnSnapshot = (i, s) => RunReport.WriteSnapshotPicture(c, outDir, i, s),
            Interruption = signals.Interruption,
        };
        var result = bar is not null ? bar.Run(() => CaseRunner.Run(c, outDir, options)) : CaseRunner.Run(c, outDir, options);
        if (InitialStateError.From(casePath, c, result) is { } bad) throw bad;
        RunReport.WritePlots(c, result, outDir, paths);
        if (result.Diverged is not null) throw result.Diverged;
        if (result.Rises is { Count: > 0 } rises)
            Console.Error.WriteLine($"warning: F rose between {rises.Count} of {result.Simulation.Series.Count - 1} recorded rows (first at step {rises.FirstStep}, t = {rises.FirstTime:G6}): the step is too large for this flow; reduce solver.dt or use stepper: adaptive");
        if (c.Solver.Statistics.FirstOrDefault(s => s.Name == "clipped_masses") is { Value: > 0 } clipped)
            Console.Error.WriteLine($"warning: {clipped.Value} particle masses went negative in a Runge–Kutta stage or step and were set to 0 (clipped_masses in summary.json); a clipped atom never regains mass (dM ∝ M), so support was lost: reduce solver.dt or use stepper: adaptive");
        var last = result.Simulation.Series[^1];
        string where = string.Create(CultureInfo.InvariantCulture, $"{c.Solver.Steps} steps to t = {c.Solver.Time:R}, F = {last.Diagnostics.Energy:E6} (F0 = {result.Simulation.InitialEnergy:E6}), mass = {last.Diagnostics.Mass:E6}");
        if (result.Status == "interrupted")
        {
            string signal = signals.Interruption.Signal!;
            Console.Error.WriteLine($"{result.StopReason}: stopped after {where}; checkpoint and outputs written to {outDir}; continue with: sphereflow run --resume {outDir}");
            return RunSignals.ExitCode(signal);
        }
        if (!a.Quiet)
            Console.WriteLine(result.Status == "stopped" ? $"stopped by {result.StopReason}: {where}; outputs in {outDir}" : $"done: {where}; outputs in {outDir}");
        return 0;
    }

    /// <summary>
    /// The run folder named by --resume: it must be a folder (a checkpoint file given instead is refused, saying what is
    /// expected).
    /// </summary>
    private static string? ResumeFolder(string? resume)
    {
        if (resume is null) return null;
        string full = Path.GetFullPath(resume);
        if (File.Exists(full))
            throw new InputException($"--resume {resume}: expects the run folder (here {Path.GetDirectoryName(full)}), which holds {CheckpointFile.Name}, {SeriesFile.Name} and case.resolved.yaml, not a file");
        if (!Directory.Exists(full)) throw new InputException($"--resume {resume}: folder not found");
        return full;
    }

    private static int DryRun(CaseDraft draft, ResourceEstimate estimate, ResourceLimits limits, string casePath)
    {
        Console.WriteLine($"# {casePath}, resolved (every value, defaults included)");
        Console.Write(CaseWriter.Write(draft.Spec, draft.AmbientDim));
        Console.WriteLine("# estimates");
        foreach (var line in estimate.Describe().TrimEnd('\n').Split('\n')) Console.WriteLine("# " + line);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# limits: memory {ResourceEstimate.Format(limits.MaxBytes)} (--max-memory), steps {limits.MaxSteps:G4} (--max-steps)"));
        limits.Check(estimate, casePath);
        Console.WriteLine("# within the limits: the run would start (dry run: nothing was run or written)");
        return 0;
    }
}

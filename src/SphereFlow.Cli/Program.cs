using System.CommandLine;
using SphereFlow.Cli;
using SphereFlow.Cli.Commands;

var root = new RootCommand("SphereFlow: Wasserstein and Wasserstein–Fisher–Rao gradient flows of measures on S^d (mean-field two-layer networks).");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
root.Subcommands.Add(MergeCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(MeshCommand.Create());
root.Subcommands.Add(KeysCommand.Create());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Command-line mistakes are bad input: one line, exit code 2 (help stays available with --help).
    // The error naming the user's token ("Unrecognized command or argument 'frobnicate'") says more than "command not provided".
    var error = parsed.Errors.FirstOrDefault(e => e.Message.Contains('\'', StringComparison.Ordinal)) ?? parsed.Errors[0];
    Console.Error.WriteLine($"error: {error.Message} (see 'sphereflow --help')");
    return CliErrors.BadInput;
}
return CliErrors.Guard(() => parsed.Invoke());

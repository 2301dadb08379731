using System.CommandLine;
using SphereFlow.Cli;
using SphereFlow.Cli.Commands;

// Linear algebra: use a native provider when one is installed; otherwise MathNet's managed provider stays active.
NativeProviders.TryEnable();

var root = new RootCommand("SphereFlow: Wasserstein and Wasserstein–Fisher–Rao gradient flows of measures on S^d (mean-field two-layer networks).");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return CliErrors.Guard(() => root.Parse(args).Invoke());

using Spectre.Console;
using SphereFlow.Cli.Progress;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>The live progress bar (Spectre.Console) of a terminal, drawn on a recording console by a real run.</summary>
public class LiveProgressTests
{
    [Fact]
    public void The_bar_shows_t_F_mass_dt_steps_per_second_and_eta_and_ends_at_100_percent()
    {
        var c = SphereFlow.Cases.CaseReader.Load(BundledCases.Path("teacher2d-particles.yaml"),
                                                 ["solver.m=100", "solver.t_end=2", "output.bound_cells=0", "output.probes=64"]);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var bar = new LiveProgress(console, "teacher2d");
        var result = bar.Run(() => CaseRunner.Run(c, CliRunner.TempDir(), new CaseRunOptions { Callbacks = [new ScheduledCallback(bar, IterationInterval.EveryStep)] }));
        Assert.Equal("completed", result.Status);
        // The live display redraws in place with ANSI cursor movements: drop them to read the text.
        string text = System.Text.RegularExpressions.Regex.Replace(writer.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "");
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Matches(@"teacher2d  t 2/2  F \d\.\d{4}E[-+]\d{3}  mass \S+  Δt 5\.00E-002  \S+ steps/s  ETA \d+:\d\d:\d\d", text);
    }
}

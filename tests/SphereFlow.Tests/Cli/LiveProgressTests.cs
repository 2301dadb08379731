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
        // The last frame: a full bar at 100% with the ETA, and the numbers of the final state.
        Assert.Matches(@"teacher2d  ━{40}  100\.0%  ETA \d+:\d\d:\d\d", text);
        Assert.Matches(@"t 2 of 2  F \d\.\d{4}E[-+]\d{3}  mass \S+  Δt 5\.00E-002  \d\S* steps/s", text);
        double f = result.Simulation.Series[^1].Diagnostics.Energy;
        Assert.Contains(f.ToString("E4", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }
}

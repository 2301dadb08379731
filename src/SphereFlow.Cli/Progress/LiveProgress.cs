using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cli.Progress;

/// <summary>
/// The live progress bar on a terminal (Spectre.Console): a bar over [0, t_end] with the percentage, and a description with
/// t, F, the mass, Δt, steps per second and the estimated time to t_end. <see cref="Run"/> shows it while the run executes; the
/// callback, registered every step, updates it at most every 0.1 s.
/// </summary>
/// <param name="console">The console to draw on (the terminal, or a recording console in tests).</param>
/// <param name="title">What runs (the case name).</param>
public sealed class LiveProgress(IAnsiConsole console, string title) : ISimulationCallback
{
    private readonly ProgressSample _sample = new();
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private ProgressTask? _task;

    /// <summary>Runs <paramref name="action"/> with the bar shown; returns its result.</summary>
    public T Run<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        T result = default!;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                _task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = action();
                _task.StopTask();
            });
        return result;
    }

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (_task is null || (_since.Elapsed.TotalSeconds < 0.1 && !simulation.IsFinal && simulation.Solver.Steps > 0)) return;
        _since.Restart();
        _sample.Take(simulation, forceEnergy: simulation.IsFinal);
        _task.MaxValue = Math.Max(_sample.TEnd, 1e-300);
        _task.Value = Math.Min(_sample.T, _task.MaxValue);
        _task.Description = Markup.Escape(Describe(title, _sample));
    }

    /// <summary>The description: title, t, F, mass, Δt, steps/s, ETA.</summary>
    public static string Describe(string title, ProgressSample s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"{title}  t {s.T:G4}/{s.TEnd:G4}  F {s.Energy:E4}  mass {s.Mass:G6}  Δt {s.Dt:E2}  {s.StepsPerSecond:G3} steps/s  ETA {ProgressSample.Clock(s.EtaSeconds)}");
    }
}

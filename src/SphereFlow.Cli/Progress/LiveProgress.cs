using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cli.Progress;

/// <summary>
/// The live progress display on a terminal (Spectre.Console), two lines redrawn in place, each under 80 columns:
/// <code>
/// teacher2d  ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╺━━━━━━━━━━━━━━━  45.0%  ETA 0:00:09
/// t 22.5 of 50  F 3.7203E-003  mass 2.54326  Δt 5.00E-002  73.3 steps/s
/// </code>
/// <see cref="Run"/> shows it while the run executes; the callback, registered every step, redraws it at most every 0.1 s
/// (and at the last step).
/// </summary>
/// <param name="console">The console to draw on (the terminal, or a recording console in tests).</param>
/// <param name="title">What runs (the case name).</param>
public sealed class LiveProgress(IAnsiConsole console, string title) : ISimulationCallback
{
    private const int BarWidth = 40;
    private readonly ProgressSample _sample = new();
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private LiveDisplayContext? _context;

    /// <summary>Runs <paramref name="action"/> with the display shown; returns its result.</summary>
    public T Run<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        T result = default!;
        console.Live(Render(title, null)).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(ctx =>
        {
            _context = ctx;
            try { result = action(); }
            finally { _context = null; }
        });
        return result;
    }

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (_context is null || (_since.Elapsed.TotalSeconds < 0.1 && !simulation.IsFinal && simulation.Solver.Steps > 0)) return;
        _since.Restart();
        _sample.Take(simulation, forceEnergy: simulation.IsFinal);
        _context.UpdateTarget(Render(title, _sample));
        _context.Refresh();
    }

    /// <summary>The two lines (the first one alone before the first sample).</summary>
    public static IRenderable Render(string title, ProgressSample? s)
    {
        double f = s?.Fraction ?? 0;
        int done = (int)Math.Round(f * BarWidth);
        string bar = $"[green]{new string('━', done)}[/][grey]{new string('━', BarWidth - done)}[/]";
        var head = new Markup(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(title)}[/]  {bar}  {100 * f,5:F1}%  ETA {(s is null ? "?" : ProgressSample.Clock(s.EtaSeconds))}"));
        if (s is null) return head;
        return new Rows(head, new Text(Stats(s)));
    }

    /// <summary>The second line: t of t_end, F, mass, Δt, steps/s.</summary>
    public static string Stats(ProgressSample s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(CultureInfo.InvariantCulture,
            $"t {s.T:G6} of {s.TEnd:G6}  F {s.Energy:E4}  mass {s.Mass:G6}  Δt {s.Dt:E2}  {s.StepsPerSecond:G3} steps/s");
    }
}

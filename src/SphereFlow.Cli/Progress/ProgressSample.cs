using System.Diagnostics;
using System.Globalization;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cli.Progress;

/// <summary>
/// The numbers a progress display shows about a running simulation: t of t_end, F and the total mass, the last Δt, steps
/// per second and the estimated time to t_end, measured since this invocation started (a resumed run counts its own).
/// F is evaluated live (one evaluation of the objective), but never more often than every <see cref="MinEnergyInterval"/>
/// seconds nor so often that it takes more than 5% of the run's wall time; in between the last value is shown.
/// </summary>
public sealed class ProgressSample
{
    /// <summary>Shortest wall time between two live evaluations of F, seconds.</summary>
    public const double MinEnergyInterval = 1.0;

    private readonly Stopwatch _clock = new();
    private long _steps0 = -1;
    private double _t0;
    private double _energy = double.NaN, _energyAt = double.NegativeInfinity, _energyCost;

    /// <summary>Starts measuring (at the first sample after a run starts).</summary>
    private void Start(Simulation simulation)
    {
        _steps0 = simulation.Solver.Steps;
        _t0 = simulation.Solver.Time;
        _clock.Restart();
    }

    /// <summary>Time now.</summary>
    public double T { get; private set; }
    /// <summary>Final time.</summary>
    public double TEnd { get; private set; }
    /// <summary>Steps so far.</summary>
    public long Steps { get; private set; }
    /// <summary>F at the last evaluation (NaN before the first).</summary>
    public double Energy => _energy;
    /// <summary>Total mass now.</summary>
    public double Mass { get; private set; }
    /// <summary>The last step.</summary>
    public double Dt { get; private set; }
    /// <summary>Steps per wall-clock second in this invocation (NaN before a step).</summary>
    public double StepsPerSecond { get; private set; } = double.NaN;
    /// <summary>Estimated wall-clock seconds to t_end (NaN before it can be estimated).</summary>
    public double EtaSeconds { get; private set; } = double.NaN;
    /// <summary>Fraction of [0, t_end] done.</summary>
    public double Fraction => TEnd > 0 ? Math.Clamp(T / TEnd, 0, 1) : 1;

    /// <summary>Takes a sample of <paramref name="simulation"/>; <paramref name="forceEnergy"/> evaluates F now regardless of the throttle.</summary>
    public void Take(Simulation simulation, bool forceEnergy = false)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (_steps0 < 0) Start(simulation);
        var solver = simulation.Solver;
        T = solver.Time;
        TEnd = simulation.StopTime;
        Steps = solver.Steps;
        Dt = simulation.LastStep.Dt;
        Mass = solver.Current.TotalMass;
        double wall = _clock.Elapsed.TotalSeconds;
        if (wall > 0 && Steps > _steps0)
        {
            StepsPerSecond = (Steps - _steps0) / wall;
            double rate = (T - _t0) / wall;
            EtaSeconds = rate > 0 ? Math.Max(0, TEnd - T) / rate : double.NaN;
        }
        if (forceEnergy || (wall - _energyAt >= MinEnergyInterval && wall - _energyAt >= 20 * _energyCost))
        {
            var sw = Stopwatch.StartNew();
            _energy = solver.Objective.Linearize(solver.Current).Energy;
            _energyCost = sw.Elapsed.TotalSeconds;
            _energyAt = wall;
        }
    }

    /// <summary>Formats seconds as h:mm:ss (or "?" when unknown).</summary>
    public static string Clock(double seconds) =>
        double.IsFinite(seconds) && seconds < 1e8 ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "?";

    /// <summary>One plain line: t of t_end, step, F, mass, Δt, steps/s, ETA.</summary>
    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"t = {T:G6} of {TEnd:G6} ({100 * Fraction:F1}%)  step {Steps}  F = {Energy:E6}  mass = {Mass:E5}  Δt = {Dt:E3}  {StepsPerSecond:G3} steps/s  ETA {Clock(EtaSeconds)}");
}

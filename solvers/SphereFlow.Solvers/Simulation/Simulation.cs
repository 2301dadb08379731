using System.Diagnostics;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Runs a solver to a stop time and calls its callbacks on their schedules (Oceananigans-style: model → simulation →
/// callbacks and output writers). Each step is at most <see cref="Dt"/>, shortened to land on the stop time and on the
/// next time any time-based schedule names; a remainder equal to Δt up to rounding (relative 1e-9) is taken as a full Δt,
/// so a run stopped at some time and resumed steps exactly as an uninterrupted one. After every step, and once before the
/// first step of a fresh run (step 0), every due callback runs in registration order, at most once per step. A stop
/// requested with <see cref="RequestStop"/> (from a callback, a stop criterion or another thread) ends the run after the
/// present step, as its final step (<see cref="IsFinal"/>: end-of-run writers and checkpoints run); a later
/// <see cref="Run(double)"/> continues.
/// </summary>
public sealed class Simulation
{
    private readonly List<ScheduledCallback> _callbacks = [];
    private readonly List<long> _firedAt = [];   // per callback: the step it last ran at in this run (−1: not yet)
    private readonly Stopwatch _clock = new();
    private double _wallOffset;
    private volatile string? _stopRequest;

    /// <summary>Creates a simulation of <paramref name="solver"/> with step cap <paramref name="dt"/> and stop time <paramref name="stopTime"/>.</summary>
    public Simulation(ISolver solver, double dt, double stopTime)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (!(dt > 0) || !double.IsFinite(dt)) throw new ArgumentException("dt must be finite and > 0");
        if (!(stopTime >= 0) || !double.IsFinite(stopTime)) throw new ArgumentException("t_end must be finite and ≥ 0");
        Solver = solver; Dt = dt; StopTime = stopTime;
    }

    /// <summary>The solver.</summary>
    public ISolver Solver { get; }

    /// <summary>Largest step Δt (solvers may take less).</summary>
    public double Dt { get; }

    /// <summary>The time <see cref="Run()"/> runs to.</summary>
    public double StopTime { get; set; }

    /// <summary>The callbacks with their schedules, in firing order.</summary>
    public IReadOnlyList<ScheduledCallback> Callbacks => _callbacks;

    /// <summary>The report of the last step (Δt = 0 and no work before the first one).</summary>
    public StepReport LastStep { get; private set; } = new(0, 0, double.NaN, 0);

    /// <summary>True while the callbacks of the last step of a run fire: the stop time was reached or a stop was requested.</summary>
    public bool IsFinal { get; private set; }

    /// <summary>Wall-clock seconds spent running, including those of the run this one resumes (<see cref="ResumeWallClock"/>).</summary>
    public double WallSeconds => _wallOffset + _clock.Elapsed.TotalSeconds;

    /// <summary>Why the last run stopped before its stop time (null when it reached it).</summary>
    public string? StopReason { get; private set; }

    /// <summary>Adds a callback on a schedule; returns the callback.</summary>
    public T Add<T>(T callback, ISchedule schedule) where T : ISimulationCallback
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(schedule);
        _callbacks.Add(new ScheduledCallback(callback, schedule));
        _firedAt.Add(-1);
        return callback;
    }

    /// <summary>Counts the wall-clock seconds of the run this one resumes.</summary>
    public void ResumeWallClock(double seconds) => _wallOffset = seconds;

    /// <summary>Asks the run to stop after the present step (thread-safe; the first reason is kept).</summary>
    public void RequestStop(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        _stopRequest ??= reason;
    }

    /// <summary>Round-off allowance when comparing times near <paramref name="target"/>: 1e-12·max(1, |target|).</summary>
    public static double TimeTolerance(double target) => 1e-12 * Math.Max(1.0, Math.Abs(target));

    /// <summary>Whether time <paramref name="t"/> has reached <paramref name="target"/> up to <see cref="TimeTolerance"/>.</summary>
    public static bool Reached(double t, double target) => target - t <= TimeTolerance(target);

    /// <summary>Runs to <see cref="StopTime"/>.</summary>
    public void Run() => Run(StopTime);

    /// <summary>Runs to time <paramref name="until"/> (or until a stop is requested).</summary>
    public void Run(double until)
    {
        if (!(until >= 0) || !double.IsFinite(until)) throw new ArgumentException("the stop time must be finite and ≥ 0");
        StopTime = until;
        StopReason = null;
        IsFinal = false;
        for (int i = 0; i < _callbacks.Count; i++)
        {
            _callbacks[i].Schedule.Initialize(this);
            _callbacks[i].Callback.Initialize(this);
            _firedAt[i] = -1;
        }
        _clock.Start();
        try
        {
            if (Solver.Steps == 0) Fire();
            while (!Reached(Solver.Time, until) && _stopRequest is null)
            {
                LastStep = Advance(StepSize(until));
                IsFinal = Reached(Solver.Time, until) || _stopRequest is not null;
                Fire();
            }
            if (!IsFinal)
            {
                // No step was taken, or a callback asked to stop while the last step's callbacks ran: the present state is
                // the run's last, so the end-of-run callbacks run now (a callback never runs twice at one step).
                IsFinal = true;
                Fire();
            }
            StopReason = Reached(Solver.Time, until) ? null : _stopRequest;
        }
        finally
        {
            _clock.Stop();
            _stopRequest = null;
        }
    }

    /// <summary>
    /// One step of the solver. A step that fails arithmetically (the adaptive step size collapsed after its rejections, a
    /// state that cannot be put back on the sphere) is a divergence of the run, named with the step and time.
    /// </summary>
    private StepReport Advance(double dt)
    {
        try { return Solver.Advance(dt); }
        catch (ArithmeticException e)
        {
            throw new DivergenceException(Solver.Steps + 1, Solver.Time, e.Message, e);
        }
    }

    private double StepSize(double until)
    {
        double t = Solver.Time, target = until;
        foreach (var c in _callbacks)
        {
            double next = c.Schedule.NextTime(this);
            if (next < target && !Reached(t, next)) target = next;
        }
        double remaining = target - t;
        return remaining < Dt * (1 - 1e-9) ? remaining : Dt;
    }

    private void Fire()
    {
        long step = Solver.Steps;
        for (int i = 0; i < _callbacks.Count; i++)
        {
            var c = _callbacks[i];
            if (!c.Schedule.IsDue(this) || _firedAt[i] == step) continue;
            _firedAt[i] = step;
            c.Callback.Invoke(this);
        }
    }
}

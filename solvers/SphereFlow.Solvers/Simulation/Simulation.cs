using System.Diagnostics;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Runs a solver to a final time: steps, diagnoses every <see cref="SimulationOptions.OutputEvery"/> steps, detects
/// divergence and calls back with each series row and at each checkpoint moment. Output writers subscribe to the
/// callbacks (Oceananigans-style: model → simulation → callbacks and writers).
/// </summary>
public sealed class Simulation
{
    private readonly List<SeriesRow> _series = [];
    private readonly Stopwatch _clock = new();
    private double _wallOffset;
    private double _initialEnergy = double.NaN;
    private long _evaluations, _rejections;

    /// <summary>Creates a simulation of <paramref name="solver"/>.</summary>
    public Simulation(ISolver solver, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Dt > 0) || !double.IsFinite(options.Dt)) throw new ArgumentException("dt must be finite and > 0");
        if (!(options.TEnd >= 0) || !double.IsFinite(options.TEnd)) throw new ArgumentException("t_end must be finite and ≥ 0");
        if (options.OutputEvery < 1) throw new ArgumentException("output.every must be ≥ 1");
        Solver = solver; Options = options;
    }

    /// <summary>The solver.</summary>
    public ISolver Solver { get; }
    /// <summary>The options.</summary>
    public SimulationOptions Options { get; }
    /// <summary>The series so far.</summary>
    public IReadOnlyList<SeriesRow> Series => _series;
    /// <summary>Wall-clock seconds spent stepping (including before a resume).</summary>
    public double WallSeconds => _wallOffset + _clock.Elapsed.TotalSeconds;
    /// <summary>Energy of the initial measure.</summary>
    public double InitialEnergy => _initialEnergy;

    /// <summary>Called with every new series row.</summary>
    public event Action<SeriesRow>? RowWritten;

    /// <summary>Called after each series row, when a checkpoint should be written.</summary>
    public event Action<Simulation>? Checkpoint;

    /// <summary>Restores the series (and counters) of an earlier run that a resumed solver continues.</summary>
    public void RestoreSeries(IEnumerable<SeriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _series.Clear();
        _series.AddRange(rows.Where(r => r.Step <= Solver.Steps));
        if (_series.Count > 0)
        {
            _initialEnergy = _series[0].Diagnostics.Energy;
            var last = _series[^1];
            _wallOffset = last.WallSeconds;
            _evaluations = last.Evaluations;
            _rejections = last.Rejections;
        }
    }

    private bool Done(double t)
    {
        double remaining = Options.TEnd - t;
        return remaining <= 1e-12 * Math.Max(1.0, Math.Abs(Options.TEnd));
    }

    /// <summary>Runs to <see cref="SimulationOptions.TEnd"/>.</summary>
    public void Run()
    {
        _clock.Start();
        try
        {
            if (_series.Count == 0) Record(new StepReport(0, 0, double.NaN, 0));
            while (!Done(Solver.Time))
            {
                double remaining = Options.TEnd - Solver.Time;
                // A remainder that equals Δt up to rounding is taken as a full Δt, so that a run stopped at t_end and
                // resumed steps exactly as an uninterrupted run (bit-for-bit resume).
                double h = remaining < Options.Dt * (1 - 1e-9) ? remaining : Options.Dt;
                var report = Solver.Advance(h);
                _evaluations += report.Evaluations;
                _rejections += report.Rejections;
                CheckFinite();
                if (Solver.Steps % Options.OutputEvery == 0 || Done(Solver.Time)) Record(report);
            }
        }
        finally { _clock.Stop(); }
    }

    private void Record(StepReport report)
    {
        var snap = MeasureDiagnostics.Compute(Solver.Objective, Solver.Flow, Solver.Current, Options.Lambda, Options.Probes, Options.MinJ);
        if (double.IsNaN(_initialEnergy)) _initialEnergy = snap.Energy;
        if (!double.IsFinite(snap.Energy)) throw new DivergenceException(Solver.Steps, Solver.Time, "energy", snap.Energy);
        if (snap.Energy > Options.BlowupFactor * Math.Max(Math.Abs(_initialEnergy), 1e-12))
            throw new DivergenceException(Solver.Steps, Solver.Time, "energy", snap.Energy);
        var row = new SeriesRow(Solver.Steps, Solver.Time, snap, report.Dt, _rejections, report.Cfl, _evaluations, WallSeconds);
        _series.Add(row);
        RowWritten?.Invoke(row);
        Checkpoint?.Invoke(this);
    }

    private void CheckFinite()
    {
        var nu = Solver.Current;
        for (int j = 0; j < nu.Count; j++)
            if (!double.IsFinite(nu.Mass[j]) || nu.Mass[j] < 0) throw new DivergenceException(Solver.Steps, Solver.Time, $"mass of atom {j}", nu.Mass[j]);
        foreach (var v in nu.Points)
            if (!double.IsFinite(v)) throw new DivergenceException(Solver.Steps, Solver.Time, "position", v);
    }
}

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Records a <see cref="SeriesRow"/> (step, t, diagnostics, last Δt, cumulative rejections, CFL, cumulative evaluations,
/// wall time) each time it is due; one row per step at most. A resumed run restores the rows of the earlier run.
/// </summary>
public sealed class SeriesRecorder(RunDiagnostics diagnostics) : ISimulationCallback
{
    private readonly List<SeriesRow> _series = [];

    /// <summary>The diagnostics it records.</summary>
    public RunDiagnostics Diagnostics { get; } = diagnostics ?? throw new ArgumentNullException(nameof(diagnostics));

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<SeriesRow> Series => _series;

    /// <summary>F(ν₀).</summary>
    public double InitialEnergy => Diagnostics.InitialEnergy;

    /// <summary>Restores the rows of an earlier run up to the present step of the (resumed) solver, and F(ν₀).</summary>
    public void Restore(IEnumerable<SeriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _series.Clear();
        _series.AddRange(rows.Where(r => r.Step <= Diagnostics.Solver.Steps));
        if (_series.Count > 0) Diagnostics.RestoreInitialEnergy(_series[0].Diagnostics.Energy);
    }

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var solver = Diagnostics.Solver;
        if (_series.Count > 0 && _series[^1].Step == solver.Steps) return;
        var report = simulation.LastStep;
        _series.Add(new SeriesRow(solver.Steps, solver.Time, Diagnostics.Current, report.Dt, solver.Clock.Rejections, report.Cfl,
                                  solver.Clock.Evaluations, simulation.WallSeconds));
    }
}

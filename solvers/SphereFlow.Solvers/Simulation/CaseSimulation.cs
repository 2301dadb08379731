using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// The standard run of a case (<see cref="SimulationCase.CreateSimulation"/>): the <see cref="Simulation"/> with, in firing
/// order, a state divergence check every step, and on the recording schedule (every <c>output.every</c> steps, the
/// first and the last) the energy divergence check and the series recorder. Writers, progress and stop criteria are added
/// on <see cref="Recording"/> or their own schedules.
/// </summary>
/// <param name="Simulation">The simulation.</param>
/// <param name="Diagnostics">The run's diagnostics.</param>
/// <param name="Recorder">The series recorder.</param>
/// <param name="Recording">The recording schedule.</param>
public sealed record CaseSimulation(Simulation Simulation, RunDiagnostics Diagnostics, SeriesRecorder Recorder, ISchedule Recording)
{
    /// <summary>The series so far.</summary>
    public IReadOnlyList<SeriesRow> Series => Recorder.Series;

    /// <summary>F(ν₀).</summary>
    public double InitialEnergy => Recorder.InitialEnergy;

    /// <summary>Wall-clock seconds of the run (including a resumed run's).</summary>
    public double WallSeconds => Simulation.WallSeconds;

    /// <summary>The solver.</summary>
    public ISolver Solver => Simulation.Solver;

    /// <summary>Restores the series and wall time of an earlier run that the (resumed) solver continues.</summary>
    public void Restore(IReadOnlyList<SeriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Recorder.Restore(rows);
        if (Recorder.Series.Count > 0) Simulation.ResumeWallClock(Recorder.Series[^1].WallSeconds);
    }

    /// <summary>Runs to the stop time.</summary>
    public void Run() => Simulation.Run();
}

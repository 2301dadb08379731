using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Plots;

namespace SphereFlow.Cli;

/// <summary>Plots written after a run (plots/*.png), and a picture of each snapshot (plots/snapshots/*.png).</summary>
public static class RunReport
{
    private static int _snapshotWarnings;

    /// <summary>
    /// The picture of snapshot <paramref name="index"/>: on S^2 its density map, on S^1 the measure against the angle
    /// (plots/snapshots/density-map-NNNNNN.png or measure-angle-NNNNNN.png, the number of the VTK snapshot beside it). A
    /// plotting failure is reported once and never stops the run.
    /// </summary>
    public static void WriteSnapshotPicture(SimulationCase c, string outDir, int index, IO.MeasureSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            MeasurePlots.Write(Path.Combine(outDir, "plots", "snapshots"), snapshot.Nu, c.Solver.Mesh, c.Problem, snapshot.T,
                               string.Create(System.Globalization.CultureInfo.InvariantCulture, $"-{index:D6}"));
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            if (Interlocked.Increment(ref _snapshotWarnings) == 1) Console.Error.WriteLine($"warning: snapshot pictures not written ({e.Message})");
        }
    }

    /// <summary>
    /// The recorder of the paper's figure-2 trajectories (plots/trajectories.png) for particle runs of a relu network with
    /// k = 2, or null for other runs. Register it on the recording schedule.
    /// </summary>
    public static ParticleTrajectories? Trajectories(SimulationCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Solver.Mesh is null && c.Problem.Features.Name == "relu" && c.Problem.Features.InputDim == 2 ? new ParticleTrajectories() : null;
    }

    /// <summary>Writes the run's plots (with the trajectories of <paramref name="paths"/> when given); a plotting failure is reported but never loses the run's data.</summary>
    public static void WritePlots(SimulationCase c, CaseRunResult result, string outDir, ParticleTrajectories? paths = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            RunPlots.Write(Path.Combine(outDir, "plots"), result.Simulation.Series, c.Solver.Current, c.Problem);
            MeasurePlots.Write(Path.Combine(outDir, "plots"), c.Solver.Current, c.Solver.Mesh, c.Problem, c.Solver.Time);
            if (paths?.Plot(c.Problem.Teacher, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"Paths of {Math.Min(c.Solver.Current.Count, ParticleTrajectories.MaxParticles)} neurons from t = {paths.Times[0]:G4} to t = {c.Solver.Time:G6}")) is { } plot)
                RunPlots.Save(Path.Combine(outDir, "plots", "trajectories.png"), plot, 900, 650);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            Console.Error.WriteLine($"warning: plots not written ({e.Message})");
        }
    }
}

using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Validation.Plots;

namespace SphereFlow.Cli;

/// <summary>Plots written after a run (plots/*.png).</summary>
public static class RunReport
{
    /// <summary>Writes the run's plots; a plotting failure is reported but never loses the run's data.</summary>
    public static void WritePlots(SimulationCase c, CaseRunResult result, string outDir)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            RunPlots.Write(Path.Combine(outDir, "plots"), result.Simulation.Series, c.Solver.Current, c.Problem);
            MeasurePlots.Write(Path.Combine(outDir, "plots"), c.Solver.Current, (c.Solver as Solvers.FiniteVolume.MeshSolver)?.Mesh, c.Problem, c.Solver.Time);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            Console.Error.WriteLine($"warning: plots not written ({e.Message})");
        }
    }
}

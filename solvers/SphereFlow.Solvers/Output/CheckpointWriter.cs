using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary>Writes the solver's checkpoint to <paramref name="path"/> each time it is due (replacing the previous one atomically).</summary>
/// <param name="path">The file.</param>
public sealed class CheckpointWriter(string path) : ISimulationCallback
{
    /// <inheritdoc/>
    public void Invoke(Simulation.Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        CheckpointFile.Write(path, simulation.Solver);
    }
}

using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary>Writes <c>series.csv</c> (all rows of the recorder) each time it is due.</summary>
/// <param name="recorder">The series recorder (registered before this writer).</param>
/// <param name="path">The file.</param>
public sealed class SeriesWriter(SeriesRecorder recorder, string path) : ISimulationCallback
{
    /// <inheritdoc/>
    public void Invoke(Simulation.Simulation simulation) => SeriesFile.Write(path, recorder.Series);
}

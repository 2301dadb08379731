using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary>Writes the solver's measure as a <c>mass,eta0,…</c> CSV (<see cref="MeasureCsv"/>) each time it is due: <c>final.csv</c> on <see cref="AtEnd"/>.</summary>
/// <param name="path">The file.</param>
public sealed class FinalMeasureWriter(string path) : ISimulationCallback
{
    /// <inheritdoc/>
    public void Invoke(Simulation.Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        FinalMeasureCsv.Write(path, simulation.Solver);
    }
}

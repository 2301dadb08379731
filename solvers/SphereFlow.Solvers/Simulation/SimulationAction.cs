namespace SphereFlow.Solvers.Simulation;

/// <summary>A callback given as a delegate: for one-off instruments (a study's measurement at given times, a stop criterion).</summary>
/// <param name="action">What to do when due.</param>
public sealed class SimulationAction(Action<Simulation> action) : ISimulationCallback
{
    /// <inheritdoc/>
    public void Invoke(Simulation simulation) => action(simulation);
}

using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>Divergence of the state: a mass that is negative or not finite, or a position that is not finite (run it every step).</summary>
public sealed class StateDivergenceCheck : ISimulationCallback
{
    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var solver = simulation.Solver;
        var nu = solver.Current;
        for (int j = 0; j < nu.Count; j++)
            if (!double.IsFinite(nu.Mass[j]) || nu.Mass[j] < 0) throw new DivergenceException(solver.Steps, solver.Time, $"mass of atom {j}", nu.Mass[j]);
        foreach (var v in nu.Points)
            if (!double.IsFinite(v)) throw new DivergenceException(solver.Steps, solver.Time, "position", v);
    }
}

/// <summary>
/// Divergence of the energy: F not finite, or above <see cref="BlowupFactor"/>·max(|F(ν₀)|, 1e-12). Run it on the
/// recording schedule, before the recorder, so that a diverged state is never recorded nor checkpointed.
/// </summary>
/// <param name="diagnostics">The run's diagnostics (shared with the recorder: computed once per step).</param>
/// <param name="blowupFactor">The factor, ≥ 1.</param>
public sealed class EnergyDivergenceCheck(RunDiagnostics diagnostics, double blowupFactor) : ISimulationCallback
{
    /// <summary>The factor on max(|F(ν₀)|, 1e-12) beyond which the run has diverged.</summary>
    public double BlowupFactor { get; } = blowupFactor;

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var snap = diagnostics.Current;
        var solver = diagnostics.Solver;
        if (!double.IsFinite(snap.Energy)) throw new DivergenceException(solver.Steps, solver.Time, "energy", snap.Energy);
        if (snap.Energy > BlowupFactor * Math.Max(Math.Abs(diagnostics.InitialEnergy), 1e-12))
            throw new DivergenceException(solver.Steps, solver.Time, "energy", snap.Energy);
    }
}

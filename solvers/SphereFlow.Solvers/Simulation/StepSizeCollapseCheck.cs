using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Divergence by step-size collapse: a step shorter than <see cref="RelativeFloor"/>·max(1, |t|) makes no progress a run can
/// use (at that size t_end is 10¹³ steps away per unit of time, and t + Δt rounds to t near |t| ≈ 10³). The simulation never
/// shortens a step that far to land on a time (it counts a remainder below 10⁻¹²·max(1, |t|) as reached), so such a step
/// was the solver's own choice: its CFL or error control has collapsed. Run it every step.
/// </summary>
public sealed class StepSizeCollapseCheck : ISimulationCallback
{
    /// <summary>Steps below this times max(1, |t|) are a collapse.</summary>
    public const double RelativeFloor = 1e-13;

    private long _startStep;

    /// <inheritdoc/>
    public void Initialize(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        _startStep = simulation.Solver.Steps;
    }

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var solver = simulation.Solver;
        if (solver.Steps == _startStep) return; // no step taken in this run yet (a fresh run's step 0, or a resumed run that is already at its end)
        double dt = simulation.LastStep.Dt;
        if (!(dt >= RelativeFloor * Math.Max(1.0, Math.Abs(solver.Time))))
            throw new DivergenceException(solver.Steps, solver.Time, "step size Δt (collapsed below 1e-13·max(1, t): the solver's step control cannot advance)", dt);
    }
}

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// One time step of the finite-volume system. The step size is chosen by <see cref="MeshSolver"/> from the
/// positivity (CFL) bound; the stepper only attempts it. A new stepper is one class plus one line in
/// <see cref="MeshSteppers"/>.
/// </summary>
public interface IMeshStepper
{
    /// <summary>Registry name.</summary>
    string Name { get; }

    /// <summary>True for unsplit integrators whose forward-Euler stages include the reaction (so the positivity bound adds α (J − s)⁺).</summary>
    bool ReactionInPositivityBound { get; }

    /// <summary>
    /// Attempts a step of size <paramref name="dt"/> from <paramref name="mass"/>, where <paramref name="j0"/> holds
    /// J at the centres for <paramref name="mass"/>; writes the new masses to <paramref name="next"/>. Returns false
    /// when a stage produced a negative or non-finite mass (the solver then retries with a smaller step).
    /// Must not modify <paramref name="mass"/> or <paramref name="j0"/>.
    /// </summary>
    bool TryStep(MeshDiscretization disc, double[] mass, double[] j0, double dt, double[] next);
}

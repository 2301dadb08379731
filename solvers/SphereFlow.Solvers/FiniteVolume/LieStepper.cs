namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// Lie splitting, first order: with J frozen at the start of the step, a forward-Euler upwind transport step of
/// Δt followed by the exact reaction over Δt. One J evaluation per step; total mass after the step is exactly
/// Σ_K M*_K exp(−α (J_K − s) Δt) with M* the transported masses.
/// </summary>
public sealed class LieStepper : IMeshStepper
{
    /// <inheritdoc/>
    public string Name => "lie";

    /// <inheritdoc/>
    public bool ReactionInPositivityBound => false;

    /// <inheritdoc/>
    public bool TryStep(MeshDiscretization disc, double[] mass, double[] j0, double dt, double[] next)
    {
        ArgumentNullException.ThrowIfNull(disc);
        disc.TransportEuler(mass, j0, dt, next);
        if (!MeshDiscretization.IsAdmissible(next)) return false;
        disc.Reaction.Apply(next, j0, dt);
        return MeshDiscretization.IsAdmissible(next);
    }
}

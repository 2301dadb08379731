namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// Strang splitting R(Δt/2) T(Δt) R(Δt/2): exact reaction over Δt/2 with J at the step start, then J re-evaluated
/// once at that half-reacted state and frozen for the transport over Δt (Heun's SSP-RK2) and the closing reaction over
/// Δt/2. Second order in time when J does not depend on ν (e.g. a prescribed potential); when J depends on ν, freezing
/// it inside the step leaves an O(Δt²) local error, i.e. first order in time. One extra J evaluation per step when
/// α &gt; 0, none when α = 0 (then J at the start is reused).
/// </summary>
public sealed class StrangStepper : IMeshStepper
{
    /// <inheritdoc/>
    public string Name => "strang";

    /// <inheritdoc/>
    public bool ReactionInPositivityBound => false;

    /// <inheritdoc/>
    public bool TryStep(MeshDiscretization disc, double[] mass, double[] j0, double dt, double[] next)
    {
        ArgumentNullException.ThrowIfNull(disc);
        ArgumentNullException.ThrowIfNull(mass);
        var half = disc.Work(WorkSlots.FirstFree);
        mass.CopyTo(half, 0);
        var j = j0;
        if (!disc.Reaction.IsIdentity)
        {
            disc.Reaction.Apply(half, j0, 0.5 * dt);
            j = disc.Work(WorkSlots.FirstFree + 1);
            disc.EvaluateJ(half, j);
        }
        disc.TransportSsprk2(half, j, dt, next);
        if (!MeshDiscretization.IsAdmissible(next)) return false;
        if (!disc.Reaction.IsIdentity) disc.Reaction.Apply(next, j, 0.5 * dt);
        return MeshDiscretization.IsAdmissible(next);
    }
}

using SphereFlow.Flows;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// Unsplit third-order strong-stability-preserving Runge–Kutta (Shu–Osher SSPRK(3,3)) on the full right-hand side
/// T(M; J(M)) − α (J(M) − s) M, with J re-evaluated at every stage (third order in time for any J). Each stage is a
/// forward-Euler step, so positivity holds under Δt (Σ|σ|u⁺/|K| + α (J_K − s)⁺) ≤ 1 at every stage. Birth–death
/// steps are rescaled to the previous total mass. Two extra J evaluations per step.
/// </summary>
public sealed class Ssprk3Stepper : IMeshStepper
{
    /// <inheritdoc/>
    public string Name => "ssprk3";

    /// <inheritdoc/>
    public bool ReactionInPositivityBound => true;

    /// <inheritdoc/>
    public bool TryStep(MeshDiscretization disc, double[] mass, double[] j0, double dt, double[] next)
    {
        ArgumentNullException.ThrowIfNull(disc);
        ArgumentNullException.ThrowIfNull(mass);
        int n = mass.Length;
        var rate = disc.Work(WorkSlots.FirstFree);
        var s1 = disc.Work(WorkSlots.FirstFree + 1);
        var s2 = disc.Work(WorkSlots.FirstFree + 2);
        var j = disc.Work(WorkSlots.FirstFree + 3);
        disc.FullRate(mass, j0, rate);
        for (int k = 0; k < n; k++) s1[k] = mass[k] + dt * rate[k];
        if (!MeshDiscretization.IsAdmissible(s1)) return false;
        disc.EvaluateJ(s1, j);
        disc.FullRate(s1, j, rate);
        for (int k = 0; k < n; k++) s2[k] = 0.75 * mass[k] + 0.25 * (s1[k] + dt * rate[k]);
        if (!MeshDiscretization.IsAdmissible(s2)) return false;
        disc.EvaluateJ(s2, j);
        disc.FullRate(s2, j, rate);
        for (int k = 0; k < n; k++) next[k] = mass[k] / 3 + 2.0 / 3 * (s2[k] + dt * rate[k]);
        if (!MeshDiscretization.IsAdmissible(next)) return false;
        if (disc.Flow.Kind == FlowKind.BirthDeath) MassRenormalization.Rescale(next, System.Numerics.Tensors.TensorPrimitives.Sum(mass));
        return true;
    }
}

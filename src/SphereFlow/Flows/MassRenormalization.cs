using System.Numerics.Tensors;

namespace SphereFlow.Flows;

/// <summary>
/// The one renormalisation of birth–death (and of any mass-conserving reaction step): masses are scaled so that they sum
/// exactly (to one rounding) to a prescribed total, the total before the step. Used by the particle steppers and solver,
/// the stochastic kill/clone step and the finite-volume reaction.
/// </summary>
public static class MassRenormalization
{
    /// <summary>Scales <paramref name="mass"/> in place to sum to <paramref name="total"/>; a no-op when the present sum is zero or not finite (nothing to scale, or a diverged state the run reports).</summary>
    public static void Rescale(Span<double> mass, double total)
    {
        double now = TensorPrimitives.Sum(mass);
        if (now > 0 && double.IsFinite(now)) TensorPrimitives.Multiply(mass, total / now, mass);
    }
}

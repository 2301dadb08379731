using System.Numerics.Tensors;

namespace SphereFlow.Solvers.Particles;

/// <summary>Exact renormalisation of masses to a prescribed total.</summary>
public static class MassNormalization
{
    /// <summary>Scales masses so that they sum to <paramref name="total"/> (no-op for a zero measure).</summary>
    public static void Rescale(Span<double> mass, double total)
    {
        double now = TensorPrimitives.Sum(mass);
        if (now > 0) TensorPrimitives.Multiply(mass, total / now, mass);
    }
}

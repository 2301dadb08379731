using SphereFlow.Measures;
using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Particles;

/// <summary>A particle measure as an ODE state: the blocks are the masses M_j and the positions η_j (row-major).</summary>
/// <param name="measure">The measure (not copied).</param>
public sealed class ParticleState(Measure measure) : IOdeState
{
    /// <summary>The measure.</summary>
    public Measure Measure { get; } = measure ?? throw new ArgumentNullException(nameof(measure));

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Blocks { get; } = [measure.Mass, measure.Points];
}

using SphereFlow.Geometry;
using SphereFlow.IO;
using SphereFlow.Measures;

namespace SphereFlow.Solvers.Initialization;

/// <summary>
/// The paper's initialisation (<c>init: {kind: unit-weights, seed}</c>; Bach &amp; Chizat's notebook lchizat/2021-exp-ICM and
/// figure 2's "unit circle"): every neuron w_j = (a_j, b_j) ∈ R × R^d has |a_j| = |b_j| = 1, with a random sign of a_j
/// (±1 with probability ½) and b_j uniform on the unit sphere of R^d. As a measure on S^d: η_j = w_j/√2 and
/// M_j = |w_j|²/m = 2/m (total mass 2), so that h(x) = (1/m) Σ_j a_j max(0, b_j·x) for the relu map.
/// </summary>
/// <param name="Seed">Seed of the signs and directions.</param>
public sealed record UnitWeightsParticleInit(int Seed = 1) : ParticleInitSpec
{
    /// <inheritdoc/>
    public override string Kind => "unit-weights";

    /// <inheritdoc/>
    public override Measure Build(int ambientDim, int? m)
    {
        int count = Count(m);
        if (count < 1) throw new SpecException("m", "must be ≥ 1");
        if (ambientDim < 2) throw new SpecException("kind", "unit-weights needs a sphere S^d with d ≥ 1");
        var nu = new Measure(ambientDim, count);
        var rng = new Random(Seed);
        double inv = 1 / Math.Sqrt(2);
        for (int j = 0; j < count; j++)
        {
            var eta = nu.Point(j);
            double a = rng.NextDouble() < 0.5 ? -1.0 : 1.0;
            Sphere.SampleUniform(rng, eta[1..]);
            for (int c = 1; c < ambientDim; c++) eta[c] *= inv;
            eta[0] = a * inv;
            nu.Mass[j] = 2.0 / count;
        }
        return nu;
    }
}

using SphereFlow.Geometry;
using SphereFlow.Meshes;
using SphereFlow.Objectives;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// The exact solution of the WFR flow with J(η) = c·η + λ by characteristics: the density at time t at η is
/// ρ_t(η) = ρ₀(η₀) · m(t) · (sin φ₀ / sin φ)^d, with η₀ the backward characteristic (LinearPotentialSolution.Advance
/// with −t), m(t) the exact mass factor along it and (sin φ₀/sin φ)^d the Jacobian of the great-circle flow (φ the
/// angle to −ĉ; dφ/dφ₀ = sin φ / sin φ₀).
/// </summary>
internal sealed class LinearPotentialExact(double[] c, double lambda, double alpha, double beta, Func<ReadOnlySpan<double>, double> rho0)
{
    public double[] C { get; } = c;

    public double Density(ReadOnlySpan<double> eta, double t)
    {
        int dim = C.Length;
        Span<double> eta0 = stackalloc double[dim];
        // Backward characteristic: the returned factor is M(−t)/M(0) = 1/m(t).
        double inverseMass = LinearPotentialSolution.Advance(C, lambda, alpha, beta, eta, 1.0, -t, eta0);
        Span<double> target = stackalloc double[dim];
        double cn = Sphere.Norm(C);
        for (int i = 0; i < dim; i++) target[i] = -C[i] / cn;
        double s = Math.Sin(Sphere.Distance(eta, target)), s0 = Math.Sin(Sphere.Distance(eta0, target));
        return rho0(eta0) / inverseMass * Math.Pow(s0 / s, dim - 1);
    }

    /// <summary>L¹ distance Σ_K |M_K/|K| − ρ_t(η_K)| |K| between mesh masses and the exact density.</summary>
    public double L1Error(SphereMesh mesh, ReadOnlySpan<double> masses, double t)
    {
        double err = 0;
        for (int k = 0; k < mesh.CellCount; k++)
            err += Math.Abs(masses[k] - Density(mesh.Center(k), t) * mesh.CellMeasures[k]);
        return err;
    }
}

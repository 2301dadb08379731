using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Objectives;

/// <summary>
/// A ν-independent linear first variation J(η) = c·η + λ, the first variation of the linear functional
/// F(ν) = ∫ (c·η + λ) dν. Particles follow great circles toward −c/|c| and masses obey
/// M(t) = M(0) exp(−α ∫ J ds): see <see cref="LinearPotentialSolution"/> for the closed form.
/// </summary>
public sealed class LinearPotential : IObjective
{
    /// <summary>Creates J(η) = c·η + λ.</summary>
    public LinearPotential(double[] c, double lambda)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Length < 2) throw new ArgumentException("c must have ambient dimension ≥ 2");
        C = c; Lambda = lambda;
    }

    /// <summary>The vector c.</summary>
    public double[] C { get; }
    /// <summary>The constant λ.</summary>
    public double Lambda { get; }
    /// <inheritdoc/>
    public int AmbientDim => C.Length;

    /// <inheritdoc/>
    public Linearization Linearize(Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        double f = 0;
        for (int j = 0; j < nu.Count; j++) f += nu.Mass[j] * (Sphere.Dot(C, nu.Point(j)) + Lambda);
        return new Lin(this, f);
    }

    private sealed class Lin(LinearPotential p, double energy) : Linearization
    {
        public override double Energy => energy;

        public override void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS)
        {
            int dim = p.AmbientDim;
            for (int q = 0; q < j.Length; q++)
            {
                var eta = points.Slice(q * dim, dim);
                j[q] = Sphere.Dot(p.C, eta) + p.Lambda;
                if (!gradS.IsEmpty)
                {
                    var gq = gradS.Slice(q * dim, dim);
                    p.C.CopyTo(gq);
                    Sphere.ProjectTangent(eta, gq);
                }
            }
        }
    }
}

/// <summary>
/// Closed-form characteristics of the flow dη/dt = −β ∇_s J, dM/dt = −α M J for J(η) = c·η + λ (|c| &gt; 0):
/// with φ the angle between η and −ĉ, tan(φ/2) decays as exp(−β|c|t), and
/// M(t) = M(0) (sin φ₀ / sin φ(t))^{α/β} exp(−αλt).
/// </summary>
public static class LinearPotentialSolution
{
    /// <summary>Position and mass at time t of the atom that started at (η₀, M₀).</summary>
    public static double Advance(ReadOnlySpan<double> c, double lambda, double alpha, double beta,
                                 ReadOnlySpan<double> eta0, double mass0, double t, Span<double> eta)
    {
        int dim = c.Length;
        double cn = Sphere.Norm(c);
        Span<double> target = stackalloc double[dim];   // −ĉ
        for (int i = 0; i < dim; i++) target[i] = -c[i] / cn;
        double cosPhi0 = Math.Clamp(Sphere.Dot(eta0, target), -1, 1);
        // Unit tangent at η₀ pointing to −ĉ along the great circle.
        Span<double> e = stackalloc double[dim];
        for (int i = 0; i < dim; i++) e[i] = target[i] - cosPhi0 * eta0[i];
        double en = Sphere.Norm(e);
        double phi0 = Sphere.Distance(eta0, target);
        if (en < 1e-300 || phi0 == 0 || phi0 >= Math.PI)
        {
            // At a fixed point (η₀ = ±ĉ): no motion, J constant.
            eta0.CopyTo(eta);
            double j0 = Sphere.Dot(c, eta0) + lambda;
            return mass0 * Math.Exp(-alpha * j0 * t);
        }
        for (int i = 0; i < dim; i++) e[i] /= en;
        double phi = 2 * Math.Atan(Math.Tan(phi0 / 2) * Math.Exp(-beta * cn * t));
        double step = phi0 - phi;   // angle travelled toward −ĉ
        for (int i = 0; i < dim; i++) eta[i] = Math.Cos(step) * eta0[i] + Math.Sin(step) * e[i];
        Sphere.Normalize(eta);
        // ln(M/M₀) = −α[(1/β) ln(sin φ / sin φ₀) + λ t]
        double logRatio = Math.Log(Math.Sin(phi) / Math.Sin(phi0));
        return mass0 * Math.Exp(-alpha * (logRatio / beta + lambda * t));
    }
}

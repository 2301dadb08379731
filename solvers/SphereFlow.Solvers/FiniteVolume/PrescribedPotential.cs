using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// A ν-independent first variation J(η) given as a function: the linear functional F(ν) = ∫ J dν. For testing the
/// transport and reaction operators with arbitrary fields. The tangential gradient is taken by central differences
/// of the 0-homogeneous extension J(η/|η|) (step 1e-6), projected on the tangent space.
/// </summary>
public sealed class PrescribedPotential : IObjective
{
    private readonly Func<ReadOnlySpan<double>, double> _j;

    /// <summary>Creates the potential on S^{dim−1}.</summary>
    public PrescribedPotential(int ambientDim, Func<ReadOnlySpan<double>, double> j)
    {
        ArgumentNullException.ThrowIfNull(j);
        if (ambientDim < 2) throw new ArgumentException("ambient dimension must be ≥ 2");
        AmbientDim = ambientDim; _j = j;
    }

    /// <inheritdoc/>
    public int AmbientDim { get; }

    /// <summary>J at one point.</summary>
    public double Value(ReadOnlySpan<double> eta) => _j(eta);

    /// <inheritdoc/>
    public Linearization Linearize(Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        double f = 0;
        for (int q = 0; q < nu.Count; q++) f += nu.Mass[q] * _j(nu.Point(q));
        return new Lin(this, f);
    }

    private sealed class Lin(PrescribedPotential p, double energy) : Linearization
    {
        public override double Energy => energy;

        public override void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS)
        {
            int dim = p.AmbientDim;
            Span<double> x = stackalloc double[dim];
            for (int q = 0; q < j.Length; q++)
            {
                var eta = points.Slice(q * dim, dim);
                j[q] = p._j(eta);
                if (gradS.IsEmpty) continue;
                var g = gradS.Slice(q * dim, dim);
                const double h = 1e-6;
                for (int c = 0; c < dim; c++)
                {
                    eta.CopyTo(x); x[c] += h; Sphere.Normalize(x);
                    double up = p._j(x);
                    eta.CopyTo(x); x[c] -= h; Sphere.Normalize(x);
                    g[c] = (up - p._j(x)) / (2 * h);
                }
                Sphere.ProjectTangent(eta, g);
            }
        }
    }
}

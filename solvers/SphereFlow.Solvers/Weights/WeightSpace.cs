using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// The network weights w_j ∈ R^{d+1} of the mean-field parametrisation h = (1/m) Σ_j Ψ̃(w_j), with Ψ̃(w) = |w|² Ψ(w/|w|)
/// the 2-homogeneous extension, and their measure ν = Σ_j (|w_j|²/m) δ_{w_j/|w_j|} (paper, section 4.2). The gradient
/// of the weights is taken from J and ∇_s J on the sphere, so it works for every feature map:
/// m ∇_{w_j} F = ∇J̃(w_j) = |w_j| (2 J(η_j|ν) η_j + ∇_s J(η_j|ν)), J̃ the 2-homogeneous extension of J.
/// </summary>
public static class WeightSpace
{
    /// <summary>ν from weights (row-major, m × dim): M_j = |w_j|²/m, η_j = w_j/|w_j| (a zero weight is a zero mass at the first axis).</summary>
    public static void ToMeasure(ReadOnlySpan<double> w, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        int m = nu.Count, dim = nu.AmbientDim;
        if (w.Length != m * dim) throw new ArgumentException("weights and measure shapes differ");
        for (int j = 0; j < m; j++)
        {
            var wj = w.Slice(j * dim, dim);
            var eta = nu.Point(j);
            double r = Sphere.Norm(wj);
            if (r > 0)
            {
                for (int c = 0; c < dim; c++) eta[c] = wj[c] / r;
                nu.Mass[j] = r * r / m;
            }
            else
            {
                eta.Clear(); eta[0] = 1;
                nu.Mass[j] = 0;
            }
        }
    }

    /// <summary>Weights from ν: w_j = √(m M_j) η_j.</summary>
    public static double[] FromMeasure(Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        int m = nu.Count, dim = nu.AmbientDim;
        var w = new double[m * dim];
        for (int j = 0; j < m; j++)
        {
            double r = Math.Sqrt(m * nu.Mass[j]);
            var eta = nu.Point(j);
            for (int c = 0; c < dim; c++) w[j * dim + c] = r * eta[c];
        }
        return w;
    }

    /// <summary>
    /// Writes m ∇_{w_j} F(ν(w)) for every j into <paramref name="grad"/> (row-major) and returns F. <paramref name="nu"/>,
    /// <paramref name="j"/> (m) and <paramref name="gradS"/> (m × (d+1)) are scratch; on return <paramref name="nu"/> holds ν(w).
    /// </summary>
    public static double Gradient(IObjective objective, ReadOnlySpan<double> w, Measure nu, double[] j, double[] gradS, Span<double> grad)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(nu);
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(gradS);
        ToMeasure(w, nu);
        var lin = objective.Linearize(nu);
        lin.Evaluate(nu.Points, j, gradS);
        int dim = nu.AmbientDim;
        for (int a = 0; a < nu.Count; a++)
        {
            double r = Sphere.Norm(w.Slice(a * dim, dim));
            var eta = nu.Point(a);
            for (int c = 0; c < dim; c++)
            {
                int q = a * dim + c;
                grad[q] = r * (2 * j[a] * eta[c] + gradS[q]);
            }
        }
        return lin.Energy;
    }
}

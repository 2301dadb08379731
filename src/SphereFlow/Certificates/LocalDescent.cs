using SphereFlow.Geometry;
using SphereFlow.Objectives;

namespace SphereFlow.Certificates;

/// <summary>
/// Riemannian gradient descent on J(·|ν) over S^d with Armijo backtracking along great circles: from η move by the angle α
/// toward −∇_sJ, accept when J drops by at least 10^−4 α|∇_sJ|, then try 2α; otherwise halve α. Works on the kinked
/// ReLU J too (J is piecewise smooth, so sufficient decrease still holds on each piece). Used to lower the best value found
/// of J (an upper bound of min J: an estimate) so that the branch and bound prunes early; it never affects the lower bound.
/// </summary>
public static class LocalDescent
{
    /// <summary>
    /// Descends from <paramref name="start"/> (a unit vector); returns the final point and J there. Stops after
    /// <paramref name="maxIterations"/> steps, when no step of angle ≥ 10^−14 decreases J enough, or when a step gains less than
    /// <paramref name="minGain"/>.
    /// </summary>
    public static (double[] Point, double Value) Run(Linearization lin, ReadOnlySpan<double> start, int maxIterations = 60, double minGain = 0)
    {
        ArgumentNullException.ThrowIfNull(lin);
        int dim = start.Length;
        var x = start.ToArray();
        var trial = new double[dim];
        var g = new double[dim];
        var gt = new double[dim];
        Span<double> j = stackalloc double[1];
        lin.Evaluate(x, j, g);
        double fx = j[0], alpha = 0.1;
        for (int it = 0; it < maxIterations; it++)
        {
            double gn = Sphere.Norm(g);
            if (!(gn > 0) || !double.IsFinite(gn)) break;
            bool accepted = false;
            while (alpha > 1e-14)
            {
                double ca = Math.Cos(alpha), sa = Math.Sin(alpha);
                for (int c = 0; c < dim; c++) trial[c] = ca * x[c] - sa * g[c] / gn;
                Sphere.Normalize(trial);
                lin.Evaluate(trial, j, gt);
                if (j[0] <= fx - 1e-4 * alpha * gn)
                {
                    if (fx - j[0] < minGain) maxIterations = it;   // converged: take this step and stop
                    (x, trial) = (trial, x);
                    (g, gt) = (gt, g);
                    fx = j[0];
                    alpha = Math.Min(2 * alpha, Math.PI / 8);
                    accepted = true;
                    break;
                }
                alpha /= 2;
            }
            if (!accepted) break;
        }
        return (x, fx);
    }
}

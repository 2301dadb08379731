using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.Reference;

/// <summary>
/// Lawson–Hanson active-set method for the square loss: min_{M ≥ 0} ½ Σ_i ω_i (Σ_K M_K A_{iK} − y_i)² + λ Σ_K M_K
/// (NNLS when λ = 0), A_{iK} = Ψ(η_K)(x_i). Outer loop: add the point with the most negative J (the steepest
/// descent coordinate, J = ∂F/∂M_K evaluated matrix-free at every point); inner loop: solve the unconstrained
/// problem on the active set P (normal equations A_Pᵀ W A_P z = A_Pᵀ W y − λ 1 by Cholesky) and step back to the
/// feasible set when a coordinate would turn negative. Only the n × |P| active columns are ever stored. Stops when
/// min_K J_K ≥ −tolerance or when adding a point makes the active Gram matrix numerically singular (then the
/// certified gap says how good the result is).
/// </summary>
internal static class ActiveSetSquareLoss
{
    public static (double[] Masses, int Iterations) Solve(NetworkObjective objective, double[] points, double jTolerance, int maxOuter)
    {
        int dim = objective.AmbientDim, cells = points.Length / dim, n = objective.Data.Count;
        var data = objective.Data;
        var m = new double[cells];
        var j = new double[cells];
        var active = new List<int>();
        var columns = new List<double[]>();          // A_{·K} for K in P
        var inP = new bool[cells];
        int outer = 0;
        for (; outer < maxOuter; outer++)
        {
            objective.Linearize(new Measure(dim, m, points)).Evaluate(points, j, Span<double>.Empty);
            int best = -1;
            double bestJ = -jTolerance;
            for (int k = 0; k < cells; k++)
                if (!inP[k] && j[k] < bestJ) { bestJ = j[k]; best = k; }
            if (best < 0) break;
            var col = new double[n];
            objective.Features.Evaluate(new ReadOnlySpan<double>(points, best * dim, dim), data.View, col);
            active.Add(best); columns.Add(col); inP[best] = true;
            bool singular = false;
            for (int inner = 0; inner < 10 * cells + 10; inner++)
            {
                var z = SolveOnActive(objective, columns);
                if (z is null) { singular = true; break; }
                int p = active.Count;
                bool feasible = true;
                for (int a = 0; a < p; a++) if (!(z[a] > 0)) { feasible = false; break; }
                if (feasible)
                {
                    for (int a = 0; a < p; a++) m[active[a]] = z[a];
                    break;
                }
                double step = 1;
                int blocking = -1;
                for (int a = 0; a < p; a++)
                {
                    if (z[a] > 0) continue;
                    double cur = m[active[a]];
                    double s = cur / (cur - z[a]);
                    if (s < step || blocking < 0) { step = Math.Min(step, s); blocking = a; }
                }
                for (int a = p - 1; a >= 0; a--)
                {
                    int k = active[a];
                    m[k] += step * (z[a] - m[k]);
                    if (a == blocking || m[k] <= 0)
                    {
                        m[k] = 0; inP[k] = false; active.RemoveAt(a); columns.RemoveAt(a);
                    }
                }
            }
            if (singular)
            {
                // Numerically dependent column: drop it and stop (the gap certifies the result).
                int last = active.Count - 1;
                if (last >= 0 && active[last] == best) { inP[best] = false; m[best] = 0; active.RemoveAt(last); columns.RemoveAt(last); }
                break;
            }
        }
        return (m, outer);
    }

    /// <summary>Solves A_Pᵀ W A_P z = A_Pᵀ W y − λ 1; null when the Gram matrix is numerically singular.</summary>
    private static double[]? SolveOnActive(NetworkObjective objective, List<double[]> columns)
    {
        int p = columns.Count, n = objective.Data.Count;
        var w = objective.Data.Weights; var y = objective.Data.Y;
        var q = new double[p * p];
        var b = new double[p];
        double maxDiag = 0;
        for (int a = 0; a < p; a++)
        {
            var ca = columns[a];
            double rhs = 0;
            for (int i = 0; i < n; i++) rhs += w[i] * ca[i] * y[i];
            b[a] = rhs - objective.Lambda;
            for (int c = 0; c <= a; c++)
            {
                var cc = columns[c];
                double s = 0;
                for (int i = 0; i < n; i++) s += w[i] * ca[i] * cc[i];
                q[a * p + c] = q[c * p + a] = s;
            }
            maxDiag = Math.Max(maxDiag, q[a * p + a]);
        }
        // Cholesky with a relative pivot threshold.
        for (int c = 0; c < p; c++)
        {
            double d = q[c * p + c];
            for (int k = 0; k < c; k++) d -= q[c * p + k] * q[c * p + k];
            if (!(d > 1e-13 * maxDiag)) return null;
            d = Math.Sqrt(d);
            q[c * p + c] = d;
            for (int r = c + 1; r < p; r++)
            {
                double s = q[r * p + c];
                for (int k = 0; k < c; k++) s -= q[r * p + k] * q[c * p + k];
                q[r * p + c] = s / d;
            }
        }
        for (int r = 0; r < p; r++)
        {
            double s = b[r];
            for (int k = 0; k < r; k++) s -= q[r * p + k] * b[k];
            b[r] = s / q[r * p + r];
        }
        for (int r = p - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int k = r + 1; k < p; k++) s -= q[k * p + r] * b[k];
            b[r] = s / q[r * p + r];
        }
        return b;
    }
}

using System.Buffers;
using SphereFlow.Certificates;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Numerics;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.Reference;

/// <summary>
/// The independent optimum: minimises the convex F(M) = Σ_i ω_i ℓ(Σ_K M_K Ψ(η_K)(x_i), y_i) + λ Σ_K M_K over M ≥ 0
/// on a fixed set of points η_K (e.g. mesh centres) by monotone FISTA (accelerated projected gradient, Beck–Teboulle)
/// with function-value restart (O'Donoghue–Candès) and backtracking on L. Everything is matrix-free: the
/// gradient ∂F/∂M_K = J(η_K|ν) comes from <see cref="NetworkObjective"/> (cost O(points · n) per call, no
/// n × points matrix), and L starts from a power-iteration estimate of ‖Aᵀ W A‖ (A_{iK} = Ψ(η_K)(x_i), W = diag ω)
/// times a curvature bound of the loss (1 square, 1/4 logistic). For λ = 0 and the square loss this is NNLS by
/// accelerated projected gradient.
/// <para>
/// Stopping: a certified duality gap. Square loss: P(M) − D(θ g) with g_i = ω_i (h_i − y_i), the Fenchel dual
/// D(u) = −Σ_i (u_i²/(2ω_i) + u_i y_i) feasible when (Aᵀu)_K ≥ −λ for all K, and θ ≥ 0 the best feasible scaling.
/// Other losses with λ &gt; 0: the certificate ∫J dν − min(0, min_K J_K) · F/λ. For λ = 0 the gap is only finite once
/// J ≥ 0 at every point, so the KKT residual max_K |min(M_K, J_K)| is also accepted as a stopping rule.
/// </para>
/// </summary>
public static class ConvexReference
{
    /// <summary>Minimises over masses at the centres of <paramref name="mesh"/>.</summary>
    public static ConvexReferenceResult Solve(NetworkObjective objective, SphereMesh mesh, ConvexReferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        return Solve(objective, mesh.Centers, options);
    }

    /// <summary>Minimises over masses at the given points (row-major unit vectors).</summary>
    public static ConvexReferenceResult Solve(NetworkObjective objective, double[] points, ConvexReferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(points);
        var o = options ?? new ConvexReferenceOptions();
        int dim = objective.AmbientDim;
        if (points.Length % dim != 0 || points.Length == 0) throw new ArgumentException($"points must be a non-empty row-major array of dimension {dim}");
        int cells = points.Length / dim;
        if (o.Method == ConvexReferenceMethod.ActiveSet || (o.Method == ConvexReferenceMethod.Auto && objective.Loss.Name == "square"))
        {
            if (objective.Loss.Name != "square") throw new ArgumentException("the active-set reference method needs the square loss");
            var (m, outer) = ActiveSetSquareLoss.Solve(objective, points, o.JTolerance, o.MaxIterations);
            var jScratch = new double[cells];
            var (g, kindA, kktA) = Certificate(objective, points, m, jScratch);
            double fm = Energy(objective, points, m);
            bool ok = g <= o.RelativeGap * Math.Max(Math.Abs(fm), o.AbsoluteFloor / Math.Max(o.RelativeGap, 1e-300)) || kktA <= o.KktTolerance;
            return WithSphereCertificate(objective, points, new ConvexReferenceResult(fm, m, g, kindA, kktA, outer, ok, double.NaN));
        }
        double curvature = objective.Loss.Name switch { "square" => 1.0, "logistic" => 0.25, _ => 1.0 };
        double lip = Math.Max(1e-300, 1.02 * curvature * PowerNorm(objective, points, o.PowerIterations));

        var x = new double[cells];            // current iterate (monotone)
        var y = new double[cells];            // extrapolated point
        var z = new double[cells];            // projected-gradient candidate
        var grad = new double[cells];
        double fx = Energy(objective, points, x), t = 1;
        int it = 0;
        bool converged = false;
        (double gap, string kind, double kkt) = Certificate(objective, points, x, grad);
        while (it < o.MaxIterations)
        {
            if (it % o.CheckEvery == 0)
            {
                (gap, kind, kkt) = Certificate(objective, points, x, grad);
                double target = o.RelativeGap * Math.Max(Math.Abs(fx), o.AbsoluteFloor / Math.Max(o.RelativeGap, 1e-300));
                if (gap <= target || (objective.Lambda == 0 && kkt <= o.KktTolerance)) { converged = true; break; }
            }
            it++;
            var linY = objective.Linearize(new Measure(dim, y, points));
            double fy = linY.Energy;
            linY.Evaluate(points, grad, Span<double>.Empty);
            double fz;
            while (true)
            {
                double inner = 0, dist2 = 0;
                for (int k = 0; k < cells; k++)
                {
                    z[k] = Math.Max(0, y[k] - grad[k] / lip);
                    double d = z[k] - y[k];
                    inner += grad[k] * d; dist2 += d * d;
                }
                fz = Energy(objective, points, z);
                if (fz <= fy + inner + 0.5 * lip * dist2 + 1e-15 * Math.Abs(fy)) break;
                lip *= 2;
            }
            double tNext = 0.5 * (1 + Math.Sqrt(1 + 4 * t * t));
            if (fz <= fx)
            {
                double beta = (t - 1) / tNext;
                for (int k = 0; k < cells; k++)
                {
                    double xn = z[k];
                    y[k] = xn + beta * (xn - x[k]);
                    x[k] = xn;
                }
                fx = fz;
                t = tNext;
            }
            else
            {
                // Non-monotone: restart the momentum from the current iterate.
                x.CopyTo(y, 0);
                t = 1;
            }
        }
        if (!converged) (gap, kind, kkt) = Certificate(objective, points, x, grad);
        return WithSphereCertificate(objective, points, new ConvexReferenceResult(fx, x, gap, kind, kkt, it, converged, lip));
    }

    /// <summary>
    /// Certifies the grid optimum over the whole sphere: with LB ≤ min_η J(η|ν) from <see cref="MinimumOfJ"/>, the Fenchel dual
    /// point θg (square loss) is feasible for the measure problem on S^d when θ (LB − λ) ≥ −λ, so P − D(θg) bounds P − F*; other
    /// losses with λ &gt; 0 use ∫J dν − min(0, LB)·F/λ. The round-off of P and D (n-term sums) is added:
    /// 4.04 (n + cells) u (|P| + |D|).
    /// </summary>
    private static ConvexReferenceResult WithSphereCertificate(NetworkObjective objective, double[] points, ConvexReferenceResult r)
    {
        int dim = objective.AmbientDim;
        var nu = new Measure(dim, r.Masses, points);
        var lin = objective.LinearizeAt(objective.Predict(nu), Sum(r.Masses));
        var j = new double[r.Masses.Length];
        lin.Evaluate(points, j, Span<double>.Empty);
        var min = MinimumOfJ.Find(objective, nu, lin, j, []);
        if (!min.IsBound) return r;
        double lambda = objective.Lambda, p = lin.Energy, lb = min.LowerBound, gap;
        if (objective.Loss.Name == "square")
        {
            double dual = SquareLossDual(objective, lin, lb);
            gap = Math.Max(0, p - dual) + 4.04 * (objective.Data.Count + r.Masses.Length) * RoundOff.Unit * (Math.Abs(p) + Math.Abs(dual));
        }
        else
        {
            double intJ = 0;
            for (int k = 0; k < j.Length; k++) intJ += r.Masses[k] * j[k];
            gap = lambda > 0 ? Math.Max(0, intJ - Math.Min(0, lb) * p / lambda) : (lb >= 0 ? Math.Max(0, intJ) : double.PositiveInfinity);
        }
        return r with { SphereGap = gap, SphereMinJLowerBound = lb };
    }

    /// <summary>
    /// The Fenchel dual value D(θg) = −θ² Σ g_i²/(2ω_i) − θ Σ g_i y_i of the square loss at the residual g of
    /// <paramref name="lin"/>, with θ ∈ [0, θ_max] the best scaling: θg is dual feasible when θ (min J − λ) ≥ −λ, and
    /// <paramref name="minJ"/> is min J over the candidate set (the grid, or a lower bound over the whole sphere).
    /// </summary>
    private static double SquareLossDual(NetworkObjective objective, NetworkLinearization lin, double minJ)
    {
        var data = objective.Data;
        double s1 = 0, s2 = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double w = data.Weights[i];
            if (w == 0) continue;
            double g = lin.Residual[i];
            s2 += g * g / w;
            s1 += g * data.Y[i];
        }
        double lambda = objective.Lambda, m = minJ - lambda;      // ≤ min (Aᵀg) over the candidate set
        double thetaMax = m >= 0 ? double.PositiveInfinity : lambda / -m;
        double theta = s2 > 0 ? Math.Clamp(-s1 / s2, 0, thetaMax) : 0;
        return -theta * theta * s2 / 2 - theta * s1;
    }

    private static double Energy(NetworkObjective objective, double[] points, double[] masses)
        => objective.Linearize(new Measure(objective.AmbientDim, masses, points)).Energy;

    /// <summary>The certified gap, its kind, and the KKT residual at x (uses <paramref name="j"/> as scratch for J).</summary>
    private static (double Gap, string Kind, double Kkt) Certificate(NetworkObjective objective, double[] points, double[] x, double[] j)
    {
        int dim = objective.AmbientDim;
        var lin = objective.LinearizeAt(objective.Predict(new Measure(dim, x, points)), Sum(x));
        lin.Evaluate(points, j, Span<double>.Empty);
        double minJ = double.PositiveInfinity, intJ = 0, kkt = 0;
        for (int k = 0; k < x.Length; k++)
        {
            minJ = Math.Min(minJ, j[k]);
            intJ += x[k] * j[k];
            kkt = Math.Max(kkt, Math.Abs(Math.Min(x[k], j[k])));
        }
        double lambda = objective.Lambda, p = lin.Energy;
        if (objective.Loss.Name == "square")
        {
            return (Math.Max(0, p - SquareLossDual(objective, lin, minJ)), "fenchel", kkt);
        }
        if (lambda > 0) return (Math.Max(0, intJ - Math.Min(0, minJ) * p / lambda), "certificate", kkt);
        return (double.PositiveInfinity, "none", kkt);
    }

    private static double Sum(double[] v)
    {
        double s = 0;
        foreach (var a in v) s += a;
        return s;
    }

    /// <summary>Power iteration for the largest eigenvalue of Aᵀ W A (matrix-free).</summary>
    private static double PowerNorm(NetworkObjective objective, double[] points, int iterations)
    {
        int dim = objective.AmbientDim, cells = points.Length / dim, n = objective.Data.Count;
        var v = new double[cells];
        var w = new double[cells];
        var rng = new Random(12345);
        for (int k = 0; k < cells; k++) v[k] = 0.5 + rng.NextDouble();
        Normalize(v);
        double est = 0;
        var g = new double[n];
        for (int it = 0; it < Math.Max(1, iterations); it++)
        {
            var h = objective.Predict(new Measure(dim, v, points));
            for (int i = 0; i < n; i++) g[i] = objective.Data.Weights[i] * h[i];
            ApplyTranspose(objective, points, g, w);
            double dot = 0;
            for (int k = 0; k < cells; k++) dot += v[k] * w[k];
            est = dot;
            w.CopyTo(v, 0);
            if (Normalize(v) == 0) return 0;
        }
        return est;
    }

    /// <summary>w_K = Σ_i g_i Ψ(η_K)(x_i), parallel over points (each w_K computed by one thread).</summary>
    private static void ApplyTranspose(NetworkObjective objective, double[] points, double[] g, double[] w)
    {
        var f = objective.Features;
        int dim = f.AmbientDim, n = objective.Data.Count;
        var view = objective.Data.View;
        int chunk = Math.Max(1, ParallelRanges.ChunkFor(w.Length, (double)n * dim, 1 << 17));
        ParallelRanges.For(w.Length, chunk, (_, k0, k1) =>
        {
            var scratch = ArrayPool<double>.Shared.Rent(Math.Max(1, f.ScratchPerPoint * n));
            try
            {
                for (int k = k0; k < k1; k++) w[k] = f.Contract(new ReadOnlySpan<double>(points, k * dim, dim), view, g, Span<double>.Empty, scratch);
            }
            finally { ArrayPool<double>.Shared.Return(scratch); }
        });
    }

    private static double Normalize(double[] v)
    {
        double s = 0;
        foreach (var a in v) s += a * a;
        s = Math.Sqrt(s);
        if (s > 0) for (int k = 0; k < v.Length; k++) v[k] /= s;
        return s;
    }
}

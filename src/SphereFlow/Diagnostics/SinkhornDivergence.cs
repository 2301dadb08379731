using System.Numerics.Tensors;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Numerics;

namespace SphereFlow.Diagnostics;

/// <summary>Settings of <see cref="SinkhornDivergence"/>.</summary>
public sealed record SinkhornOptions
{
    /// <summary>Entropic regularisation ε &gt; 0, in units of the cost (radians for p = 1); default 0.01.</summary>
    public double Epsilon { get; init; } = 0.01;

    /// <summary>Cost exponent p ≥ 1: c(η, η′) = d(η, η′)^p with d the geodesic distance; default 1 (ε → 0 gives W1).</summary>
    public double Power { get; init; } = 1;

    /// <summary>Stop when the row marginal of the plan is within this L1 distance of μ (the column marginal is exact); default 10^−11.</summary>
    public double Tolerance { get; init; } = 1e-11;

    /// <summary>Iteration cap at the final ε; default 100,000.</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>Largest number of cost-matrix entries N·M (the matrix and its transpose are stored); default 2^24 (256 MiB for both).</summary>
    public long MaxEntries { get; init; } = 1L << 24;

    /// <summary>Throws <see cref="ArgumentException"/> on out-of-range settings.</summary>
    public void Validate()
    {
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) throw new ArgumentException("Sinkhorn ε must be finite and > 0");
        if (!(Power >= 1) || !double.IsFinite(Power)) throw new ArgumentException("Sinkhorn cost exponent p must be finite and ≥ 1");
        if (!(Tolerance > 0)) throw new ArgumentException("Sinkhorn tolerance must be > 0");
        if (MaxIterations < 1) throw new ArgumentException("Sinkhorn iteration cap must be ≥ 1");
    }
}

/// <summary>Entropic optimal transport between two probability measures.</summary>
/// <param name="Cost">OT_ε(μ, ν) = min_P ⟨P, C⟩ + ε KL(P | μ⊗ν) = ⟨μ, f⟩ + ⟨ν, g⟩ at the optimal potentials.</param>
/// <param name="TransportCost">⟨P, C⟩ of the optimal entropic plan (what POT's <c>sinkhorn2</c> returns).</param>
/// <param name="Iterations">Sinkhorn iterations, ε-scaling steps included.</param>
/// <param name="MarginalError">L1 error of the plan's row marginal at the end.</param>
public sealed record EntropicTransport(double Cost, double TransportCost, int Iterations, double MarginalError);

/// <summary>
/// The Sinkhorn divergence with geodesic cost on S^d (any d), S_ε(μ, ν) = OT_ε(μ, ν) − ½ OT_ε(μ, μ) − ½ OT_ε(ν, ν) between the
/// normalised measures μ/μ(S^d) and ν/ν(S^d) (Feydy et al., AISTATS 2019: nonnegative, zero iff μ = ν, metrises weak
/// convergence, → W_p^p as ε → 0 and → MMD with kernel −c as ε → ∞). Total masses are compared separately, as for W1.
/// <para>
/// Log-domain Sinkhorn: f_i = −ε LSE_j(log b_j + (g_j − C_ij)/ε), g_j = −ε LSE_i(log a_i + (f_i − C_ij)/ε), with the maximum
/// subtracted inside every log-sum-exp, so no exp overflows or underflows to a wrong result for any ε; ε-scaling (ε_k = max(ε,
/// max C · 2^−k), a few iterations each) gives the final ε a warm start, which is what keeps small ε affordable. After a g update
/// the column marginal is exact, so ⟨a, f⟩ + ⟨b, g⟩ is the dual objective at a feasible point; iterations stop when the row
/// marginal's L1 error is below the tolerance. The cost matrix C_ij = d(η_i, η′_j)^p (d from <see cref="Sphere.Distance"/>,
/// accurate also for nearby points) and its transpose are stored: cost O(N M) memory, O(N M) per iteration, vectorised over the
/// inner index and parallel over the outer one in fixed chunks (deterministic). Atoms of zero mass are dropped.
/// </para>
/// </summary>
public static class SinkhornDivergence
{
    /// <summary>S_ε(μ/μ(S^d), ν/ν(S^d)) (≥ 0; round-off below zero is clipped).</summary>
    public static double Distance(Measure mu, Measure nu, SinkhornOptions? options = null)
    {
        var o = options ?? new SinkhornOptions();
        double xy = Transport(mu, nu, o).Cost, xx = Transport(mu, mu, o).Cost, yy = Transport(nu, nu, o).Cost;
        return Math.Max(0, xy - 0.5 * (xx + yy));
    }

    /// <summary>S_ε when OT_ε(μ, μ) is already known (saves it when one measure is compared with many).</summary>
    public static double Distance(Measure mu, double muSelfCost, Measure nu, SinkhornOptions? options = null)
    {
        var o = options ?? new SinkhornOptions();
        double xy = Transport(mu, nu, o).Cost, yy = Transport(nu, nu, o).Cost;
        return Math.Max(0, xy - 0.5 * (muSelfCost + yy));
    }

    /// <summary>Whether the cost matrix of measures with these atom counts fits <see cref="SinkhornOptions.MaxEntries"/>.</summary>
    public static bool Affordable(int atomsMu, int atomsNu, SinkhornOptions? options = null)
        => (long)atomsMu * atomsNu <= (options ?? new SinkhornOptions()).MaxEntries;

    /// <summary>Entropic OT between the normalised measures.</summary>
    public static EntropicTransport Transport(Measure mu, Measure nu, SinkhornOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(nu);
        var o = options ?? new SinkhornOptions();
        o.Validate();
        if (mu.AmbientDim != nu.AmbientDim) throw new ArgumentException($"measures on spheres of different dimension ({mu.AmbientDim - 1} and {nu.AmbientDim - 1})");
        var (a, xs) = Normalised(mu);
        var (b, ys) = Normalised(nu);
        int n = a.Length, m = b.Length, dim = mu.AmbientDim;
        if ((long)n * m > o.MaxEntries) throw new ArgumentException($"Sinkhorn cost matrix of {n} × {m} entries exceeds the limit of {o.MaxEntries}");
        var c = new double[n * m];
        var ct = new double[m * n];
        ParallelRanges.For(n, ParallelRanges.ChunkFor(n, (double)m * (dim + 20)), (_, i0, i1) =>
        {
            for (int i = i0; i < i1; i++)
            {
                var xi = new ReadOnlySpan<double>(xs, i * dim, dim);
                for (int j = 0; j < m; j++)
                {
                    double d = Sphere.Distance(xi, new ReadOnlySpan<double>(ys, j * dim, dim));
                    double cij = o.Power == 1 ? d : Math.Pow(d, o.Power);
                    c[i * m + j] = cij;
                    ct[j * n + i] = cij;
                }
            }
        });
        var logA = a.Select(v => Math.Log(v)).ToArray();
        var logB = b.Select(v => Math.Log(v)).ToArray();
        if (ReferenceEquals(mu, nu)) return Symmetric(c, a, logA, o);
        var f = new double[n];
        var g = new double[m];
        var fNew = new double[n];
        double cMax = TensorPrimitives.Max(c);
        int iterations = 0;
        double eps = Math.Max(o.Epsilon, cMax);
        // ε-scaling: halve ε down to the target, three alternating updates per level.
        while (eps > o.Epsilon)
        {
            for (int k = 0; k < 3; k++)
            {
                Update(c, m, g, logB, eps, f);
                Update(ct, n, f, logA, eps, g);
                iterations++;
            }
            eps = Math.Max(o.Epsilon, eps / 2);
        }
        eps = o.Epsilon;
        double err = double.PositiveInfinity;
        Update(c, m, g, logB, eps, f);
        Update(ct, n, f, logA, eps, g);
        for (int it = 0; it < o.MaxIterations; it++)
        {
            iterations++;
            // Row marginal of the current plan: r_i = a_i exp((f_i − f̃_i)/ε), f̃ the f update from the current g.
            Update(c, m, g, logB, eps, fNew);
            err = 0;
            for (int i = 0; i < n; i++) err += a[i] * Math.Abs(Math.Exp((f[i] - fNew[i]) / eps) - 1);
            (f, fNew) = (fNew, f);
            Update(ct, n, f, logA, eps, g);
            if (err < o.Tolerance) break;
        }
        double cost = TensorPrimitives.Dot(a, f) + TensorPrimitives.Dot(b, g);
        double transport = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) transport += a[i] * b[j] * Math.Exp((f[i] + g[j] - c[i * m + j]) / eps) * c[i * m + j];
        return new EntropicTransport(cost, transport, iterations, err);
    }

    /// <summary>
    /// OT_ε(μ, μ) by the symmetric fixed point f ← ½ (f + T f), (T f)_i = −ε LSE_j(log a_j + (f_j − C_ij)/ε) (Feydy et al. 2019,
    /// §3.1): the plan a_i a_j exp((f_i + f_j − C_ij)/ε) is symmetric, the averaged map contracts much faster than alternating
    /// updates on a self-transport (whose plan is nearly diagonal for small ε), and OT_ε = 2⟨a, f⟩ at the fixed point. Stops when
    /// the marginal error Σ_i a_i |exp((f_i − (T f)_i)/ε) − 1| is below the tolerance.
    /// </summary>
    private static EntropicTransport Symmetric(double[] c, double[] a, double[] logA, SinkhornOptions o)
    {
        int n = a.Length;
        var f = new double[n];
        var tf = new double[n];
        double eps = Math.Max(o.Epsilon, TensorPrimitives.Max(c));
        int iterations = 0;
        double err = double.PositiveInfinity;
        while (true)
        {
            bool last = eps <= o.Epsilon;
            int cap = last ? o.MaxIterations : 3;
            for (int it = 0; it < cap; it++)
            {
                iterations++;
                Update(c, n, f, logA, eps, tf);
                err = 0;
                for (int i = 0; i < n; i++) err += a[i] * Math.Abs(Math.Exp((f[i] - tf[i]) / eps) - 1);
                for (int i = 0; i < n; i++) f[i] = 0.5 * (f[i] + tf[i]);
                if (last && err < o.Tolerance) break;
            }
            if (last) break;
            eps = Math.Max(o.Epsilon, eps / 2);
        }
        // One plain step makes f the exact image of the averaged potential's partner, as in the alternating solver.
        Update(c, n, f, logA, eps, tf);
        double cost = TensorPrimitives.Dot(a, f) + TensorPrimitives.Dot(a, tf);
        double transport = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) transport += a[i] * a[j] * Math.Exp((f[i] + tf[j] - c[i * n + j]) / eps) * c[i * n + j];
        return new EntropicTransport(cost, transport, iterations, err);
    }

    /// <summary>out_i = −ε LSE_j(logW_j + (pot_j − K_ij)/ε) over the rows of the row-major matrix K (width columns).</summary>
    private static void Update(double[] k, int width, double[] pot, double[] logW, double eps, double[] result)
    {
        int rows = result.Length;
        double inv = 1 / eps;
        ParallelRanges.For(rows, ParallelRanges.ChunkFor(rows, 6.0 * width), (_, r0, r1) =>
        {
            var t = new double[width];
            for (int r = r0; r < r1; r++)
            {
                TensorPrimitives.Subtract(pot, new ReadOnlySpan<double>(k, r * width, width), t);
                TensorPrimitives.MultiplyAdd(t, inv, logW, t);
                double max = TensorPrimitives.Max(t);
                TensorPrimitives.Add(t, -max, t);
                TensorPrimitives.Exp(t, t);
                result[r] = -eps * (max + Math.Log(TensorPrimitives.Sum(t)));
            }
        });
    }

    private static (double[] Weights, double[] Points) Normalised(Measure nu)
    {
        double total = 0;
        int count = 0;
        for (int j = 0; j < nu.Count; j++)
        {
            if (!(nu.Mass[j] >= 0) || !double.IsFinite(nu.Mass[j])) throw new ArgumentException($"atom {j}: mass must be finite and ≥ 0");
            if (nu.Mass[j] > 0) { total += nu.Mass[j]; count++; }
        }
        if (count == 0) throw new ArgumentException("Sinkhorn divergence needs measures of positive mass");
        var w = new double[count];
        var p = new double[count * nu.AmbientDim];
        int q = 0;
        for (int j = 0; j < nu.Count; j++)
        {
            if (!(nu.Mass[j] > 0)) continue;
            w[q] = nu.Mass[j] / total;
            nu.Point(j).CopyTo(p.AsSpan(q * nu.AmbientDim, nu.AmbientDim));
            q++;
        }
        return (w, p);
    }
}

using SphereFlow.Measures;
using SphereFlow.Numerics;
using SphereFlow.Objectives;

namespace SphereFlow.Certificates;

/// <summary>Settings of <see cref="MinimumOfJ"/>.</summary>
public sealed record MinJOptions
{
    /// <summary>
    /// The branch and bound stops refining a cell once its lower bound is within tol of the best value found, tol =
    /// max(<see cref="AbsoluteTolerance"/>, RelativeTolerance · S), S = <see cref="IBallLowerBound.Scale"/>; default 10^−9.
    /// </summary>
    public double RelativeTolerance { get; init; } = 1e-9;

    /// <summary>Absolute floor of the tolerance; default 10^−15.</summary>
    public double AbsoluteTolerance { get; init; } = 1e-15;

    /// <summary>Cell budget of the branch and bound (the bound stays valid when it runs out, only looser); default 200,000.</summary>
    public long MaxCells { get; init; } = 200_000;

    /// <summary>Largest ambient dimension d + 1 for which a rigorous bound is computed (S^1, S^2, S^3); default 4.</summary>
    public int MaxAmbientDim { get; init; } = 4;

    /// <summary>Local descents from the best atoms and probe points; default 4.</summary>
    public int DescentStarts { get; init; } = 4;

    /// <summary>Iterations of each local descent; default 60.</summary>
    public int DescentIterations { get; init; } = 60;

    /// <summary>Whether to compute the rigorous bound at all (false: estimate only); default true.</summary>
    public bool Bound { get; init; } = true;
}

/// <summary>The minimum of J(·|ν) over S^d: always an estimate, and where derived a rigorous lower bound.</summary>
/// <param name="Estimate">The smallest J found (atoms, probes, local descent, net centres): an upper bound of min J, an estimate of it.</param>
/// <param name="LowerBound">A rigorous lower bound of min_{S^d} J (round-off margin included), NaN when none is computed.</param>
/// <param name="Method">How the bound was derived, or why there is none.</param>
/// <param name="Cells">Cells the branch and bound evaluated.</param>
/// <param name="Converged">True when the branch and bound closed the gap to <paramref name="Tolerance"/> within its budget.</param>
/// <param name="Tolerance">The branch and bound's tolerance.</param>
/// <param name="Margin">The round-off margin subtracted.</param>
/// <param name="ArgMin">Where <paramref name="Estimate"/> was found.</param>
public sealed record MinJResult(double Estimate, double LowerBound, string Method, long Cells, bool Converged, double Tolerance, double Margin, double[] ArgMin)
{
    /// <summary>True when <see cref="LowerBound"/> is a rigorous bound.</summary>
    public bool IsBound => !double.IsNaN(LowerBound);
}

/// <summary>
/// min_η J(η|ν) over the whole sphere. The estimate is the smallest value over the atoms, the probe points and local descents
/// (<see cref="LocalDescent"/>) from the best of them. The bound is a branch and bound over a hierarchical subdivision of S^d
/// (<see cref="SphereSubdivisions"/>): each cell is covered by a geodesic ball on which <see cref="IBallLowerBound"/> gives a
/// rigorous lower bound of J; a cell whose bound is within the tolerance of the best value found (lowered further by local
/// descents from the best cell centres) is settled, every other one is split. The result is the minimum of the settled
/// cells' bounds (and of the unsplit cells' bounds when the cell budget runs out) minus the round-off margin: since the cells
/// tile S^d, it is below J everywhere. With the second-order bounds the gap closes like r², so near a nondegenerate minimum
/// a bounded number of cells per level stays active.
/// </summary>
public static class MinimumOfJ
{
    /// <summary>Cells smaller than this radius are settled (never split).</summary>
    public const double MinRadius = 1e-10;

    /// <summary>Computes the estimate and, where derived and affordable, the bound.</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="nu">The measure.</param>
    /// <param name="lin">objective.Linearize(ν).</param>
    /// <param name="jAtAtoms">J at the atoms of ν (already computed by the caller), or empty.</param>
    /// <param name="probes">Extra points (row-major), may be empty.</param>
    /// <param name="options">Settings (default <see cref="MinJOptions"/>).</param>
    public static MinJResult Find(IObjective objective, Measure nu, Linearization lin, ReadOnlySpan<double> jAtAtoms, ReadOnlySpan<double> probes,
                                  MinJOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(nu);
        ArgumentNullException.ThrowIfNull(lin);
        var o = options ?? new MinJOptions();
        int dim = objective.AmbientDim;
        // Candidates: atoms and probes.
        var values = new List<double>();
        var points = new List<double[]>();
        var jA = jAtAtoms.IsEmpty ? Evaluate(lin, nu.Points, nu.Count) : jAtAtoms.ToArray();
        for (int q = 0; q < nu.Count; q++) { values.Add(jA[q]); points.Add(nu.Point(q).ToArray()); }
        if (!probes.IsEmpty)
        {
            int count = probes.Length / dim;
            var jp = Evaluate(lin, probes, count);
            for (int q = 0; q < count; q++) { values.Add(jp[q]); points.Add(probes.Slice(q * dim, dim).ToArray()); }
        }
        double best = double.PositiveInfinity;
        double[] arg = new double[dim];
        // When the branch and bound follows, it descends from its own best cells: one descent from the best candidate suffices.
        bool willBound = o.Bound && dim <= o.MaxAmbientDim && BallBounds.Supports(objective);
        foreach (int idx in DistinctBest(values, points, willBound ? Math.Min(1, o.DescentStarts) : o.DescentStarts))
        {
            if (values[idx] < best) { best = values[idx]; arg = points[idx]; }
            var (p, v) = LocalDescent.Run(lin, points[idx], o.DescentIterations, DescentGain(objective, o));
            if (v < best) { best = v; arg = p; }
        }
        if (values.Count == 0)
        {
            // No candidates at all: the centre of the first cell of the subdivision.
            arg = SphereSubdivisions.For(dim).Roots()[0].Centre;
            best = lin.At(arg);
        }

        if (!o.Bound) return new MinJResult(best, double.NaN, "estimate only (bound not requested)", 0, false, 0, 0, arg);
        if (dim > o.MaxAmbientDim)
            return new MinJResult(best, double.NaN, $"estimate only: no net on S^{dim - 1} (rigorous bounds up to S^{o.MaxAmbientDim - 1})", 0, false, 0, 0, arg);
        var bound = BallBounds.Create(objective, nu, lin);
        if (bound is null) return new MinJResult(best, double.NaN, "estimate only: no derived bound of J's variation for this objective", 0, false, 0, 0, arg);
        return BranchAndBound(lin, bound, best, arg, o);
    }

    /// <summary>
    /// What <see cref="Find"/> reports for this objective: "bound: …" when it computes a rigorous lower bound (and how), or
    /// "estimate only: …" with the reason. Mirrors the decisions of <see cref="Find"/> without computing anything.
    /// </summary>
    public static string Describe(IObjective objective, MinJOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        var o = options ?? new MinJOptions();
        int dim = objective.AmbientDim;
        if (!o.Bound) return "estimate only (bound not requested): smallest J over atoms, probes and local descents";
        if (dim > o.MaxAmbientDim)
            return $"estimate only (no net on S^{dim - 1}; rigorous bounds up to S^{o.MaxAmbientDim - 1}): smallest J over atoms, probes and local descents";
        if (!BallBounds.Supports(objective)) return "estimate only (no derived bound of J's variation for this objective): smallest J over atoms, probes and local descents";
        string net = dim switch { 2 => "arcs", 3 => "icosahedral triangles", _ => "a cube-sphere" };
        return $"bound: branch and bound over {net} of S^{dim - 1} with ball lower bounds of J from the data, refined by local descent (tolerance {o.RelativeTolerance:G2}·S, budget {o.MaxCells} cells)";
    }

    /// <summary>The branch and bound for a given ball bound, starting from the best value <paramref name="upper"/> found at <paramref name="arg"/>.</summary>
    public static MinJResult BranchAndBound(Linearization lin, IBallLowerBound bound, double upper, double[] arg, MinJOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lin);
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentNullException.ThrowIfNull(arg);
        var o = options ?? new MinJOptions();
        var sub = SphereSubdivisions.For(bound.AmbientDim);
        double tol = Math.Max(o.AbsoluteTolerance, o.RelativeTolerance * bound.Scale);
        double ub = upper, settled = double.PositiveInfinity;
        long cells = 0;
        bool converged = true;
        int descents = 0;
        var active = sub.Roots().ToList();
        while (active.Count > 0)
        {
            var (vals, lows) = EvaluateCells(bound, active);
            cells += active.Count;
            int bi = 0;
            for (int i = 1; i < vals.Length; i++) if (vals[i] < vals[bi]) bi = i;
            if (vals[bi] < ub)
            {
                // A new best cell centre: descend from it (a few times per search) to lower the value cells are pruned against.
                bool descend = vals[bi] < ub - tol && descents++ < 6;
                ub = vals[bi]; arg = active[bi].Centre;
                if (descend)
                {
                    var (p, v) = LocalDescent.Run(lin, active[bi].Centre, o.DescentIterations, 0.01 * tol);
                    if (v < ub) { ub = v; arg = p; }
                }
            }
            var open = new List<int>();
            for (int i = 0; i < active.Count; i++)
            {
                if (lows[i] >= ub - tol || active[i].Radius < MinRadius) settled = Math.Min(settled, lows[i]);
                else open.Add(i);
            }
            if (open.Count == 0) break;
            var next = new List<SphereCell>();
            int perCell = 1 << (bound.AmbientDim - 1);
            if (cells + (long)open.Count * perCell > o.MaxCells)
            {
                foreach (int i in open) settled = Math.Min(settled, lows[i]);
                converged = false;
                break;
            }
            foreach (int i in open) sub.Split(active[i], next);
            active = next;
        }
        double margin = bound.RoundOffMargin;
        return new MinJResult(ub, settled - margin, bound.Method, cells, converged, tol, margin, arg);
    }

    /// <summary>Local descents stop once a step gains less than 10^−3 of the tolerance (relative to a scale of J where known).</summary>
    private static double DescentGain(IObjective objective, MinJOptions o)
        => 1e-3 * o.RelativeTolerance * (objective is NetworkObjective n ? n.Data.Weights.Sum() * Math.Max(1, n.Data.Y.Max(Math.Abs)) : 1);

    private static (double[] Values, double[] Lows) EvaluateCells(IBallLowerBound bound, List<SphereCell> cells)
    {
        int count = cells.Count;
        var vals = new double[count];
        var lows = new double[count];
        int chunk = Math.Max(1, ParallelRanges.ChunkFor(count, 4.0 * Math.Max(1, bound.ScratchLength), 1 << 16));
        ParallelRanges.For(count, chunk, (_, i0, i1) =>
        {
            var scratch = new double[Math.Max(1, bound.ScratchLength)];
            for (int i = i0; i < i1; i++) (vals[i], lows[i]) = bound.Evaluate(cells[i].Centre, cells[i].Radius, scratch);
        });
        return (vals, lows);
    }

    private static double[] Evaluate(Linearization lin, ReadOnlySpan<double> pts, int count)
    {
        var j = new double[count];
        if (count > 0) lin.Evaluate(pts, j, Span<double>.Empty);
        return j;
    }

    /// <summary>Indices of up to <paramref name="k"/> smallest values whose points are pairwise more than 10^−3 rad apart.</summary>
    private static List<int> DistinctBest(List<double> values, List<double[]> points, int k)
    {
        var order = Enumerable.Range(0, values.Count).Where(i => double.IsFinite(values[i])).OrderBy(i => values[i]).ToList();
        var chosen = new List<int>();
        foreach (int i in order)
        {
            if (chosen.Count >= k) break;
            if (chosen.All(c => Geometry.Sphere.Distance(points[c], points[i]) > 1e-3)) chosen.Add(i);
        }
        return chosen;
    }
}

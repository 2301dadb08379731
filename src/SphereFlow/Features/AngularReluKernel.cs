using System.Buffers;
using SphereFlow.Data;
using SphereFlow.Numerics;

namespace SphereFlow.Features;

/// <summary>
/// Exact O((m + n) log(m + n)) kernel of the ReLU map a·max(0, b·x) in k = 2, by angular sorting and windowed prefix sums.
/// <para>
/// For b, x ∈ R² the set {x : b·x &gt; 0} is an open half-plane, i.e. an open arc of directions. Hence
/// h(x_i) = (Σ_{j: b_j·x_i &gt; 0} M_j a_j b_j)·x_i and, with G(b) = Σ_{i: b·x_i &gt; 0} g_i x_i, the contraction is
/// Σ_i g_i a max(0, b·x_i) = a (b·G(b)) with η-gradient (b·G, a G). The data are sorted once by angle (cached per data
/// set and re-checked against the data on every call, so data changed in place are re-sorted). Each atom's arc of data is
/// located in O(1) expected time (a bucket table over a cheap monotone pseudo-angle, then a binary search inside the
/// bucket) and corrected by exact predicates (<see cref="ExactPredicates"/>): membership is the exact sign of b·x for the
/// given doubles, so ties (b·x = 0, counted out as by the per-η kernel's 1[b·x &gt; 0]) and zero vectors (b = 0 or x = 0:
/// empty arcs) are exact. h is a difference array over the sorted data (one +c at the arc start, one −c at its end) summed
/// by a running double-double sum; G is a difference of double-double prefix sums. The error is therefore
/// O(ε) relative to Σ|terms|, the same order as the O(mn) kernel, independent of m and n.
/// </para>
/// <para>Cost: O(n log n) once per data set, then O(m + n) per call; parallel over atoms in fixed chunks (deterministic).</para>
/// </summary>
internal sealed class AngularReluKernel : IMeasureKernel
{
    private const int AtomsPerChunk = 4096;
    private readonly WeightedData _data;
    private Layout? _layout;

    /// <summary>Deliberate defects for the tests that show the agreement property can fail (never set in production).</summary>
    internal enum Defect { None, ClosedArcs, PlainSums }

    /// <summary>Binds the kernel to a data set with k = 2.</summary>
    public AngularReluKernel(WeightedData data, Defect defect = Defect.None)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputDim != 2) throw new ArgumentException("the angular kernel is for inputs in R^2");
        _data = data;
        _defect = defect;
    }

    private readonly Defect _defect;

    /// <inheritdoc/>
    public string Path => "angular prefix sums (exact, k = 2)";

    /// <summary>The data sorted by angle (zero inputs left out), with the pseudo-angle bucket table.</summary>
    private sealed class Layout
    {
        public required double[] Source0, Source1;   // copy of the data the layout was built from
        public required int[] Order;                 // sorted position → data index
        public required double[] X0, X1, Key;        // sorted coordinates and pseudo-angles
        public required int[] Table;                 // bucket t → first sorted position with key ≥ 4t/T (T + 1 entries)
        public int Count => Order.Length;
        public int Buckets => Table.Length - 1;
    }

    private Layout CurrentLayout()
    {
        int n = _data.Count;
        var x0 = _data.X.AsSpan(0, n);
        var x1 = _data.X.AsSpan(n, n);
        var layout = Volatile.Read(ref _layout);
        if (layout is not null && Bitwise.Equal(layout.Source0, x0) && Bitwise.Equal(layout.Source1, x1)) return layout;
        layout = Build(x0.ToArray(), x1.ToArray());
        Volatile.Write(ref _layout, layout);
        return layout;
    }

    private static Layout Build(double[] s0, double[] s1)
    {
        int n = s0.Length;
        var idx = new List<int>(n);
        for (int i = 0; i < n; i++) if (s0[i] != 0 || s1[i] != 0) idx.Add(i);
        var order = idx.ToArray();
        var key = new double[order.Length];
        for (int p = 0; p < order.Length; p++) key[p] = ExactPredicates.PseudoAngle(s0[order[p]], s1[order[p]]);
        Array.Sort(key, order);
        // The pseudo-angle is monotone only up to round-off: finish with an insertion sort under the exact order (a few
        // swaps at most, among nearly parallel inputs). Equal directions keep their data order.
        for (int p = 1; p < order.Length; p++)
        {
            int o = order[p];
            double k = key[p];
            int q = p;
            while (q > 0 && ExactPredicates.AngleGreater(s0[order[q - 1]], s1[order[q - 1]], s0[o], s1[o]))
            {
                order[q] = order[q - 1]; key[q] = key[q - 1]; q--;
            }
            order[q] = o; key[q] = k;
        }
        var x0 = new double[order.Length];
        var x1 = new double[order.Length];
        for (int p = 0; p < order.Length; p++) { x0[p] = s0[order[p]]; x1[p] = s1[order[p]]; }
        int buckets = (int)Math.Min(1 << 22, Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, order.Length))));
        var table = new int[buckets + 1];
        int pos = 0;
        for (int t = 0; t <= buckets; t++)
        {
            double start = 4.0 * t / buckets;
            while (pos < key.Length && key[pos] < start) pos++;
            table[t] = pos;
        }
        table[buckets] = key.Length;
        return new Layout { Source0 = s0, Source1 = s1, Order = order, X0 = x0, X1 = x1, Key = key, Table = table };
    }

    /// <summary>First sorted position whose angle is &gt; angle(q) (strict) or, with <paramref name="orEqual"/>, ≥ angle(q).</summary>
    private static int Locate(Layout l, double q0, double q1, bool orEqual)
    {
        var key = l.Key; var x0 = l.X0; var x1 = l.X1;
        int n = l.Count;
        double kq = ExactPredicates.PseudoAngle(q0, q1);
        int t = Math.Clamp((int)(kq * (l.Buckets * 0.25)), 0, l.Buckets - 1);
        int lo = l.Table[t], hi = l.Table[t + 1];
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (orEqual ? key[mid] < kq : key[mid] <= kq) lo = mid + 1; else hi = mid;
        }
        int p = lo;
        // Exact correction: the predicate "x_p is past q" is false…false true…true along the exactly sorted data.
        if (orEqual)
        {
            while (p > 0 && !ExactPredicates.AngleGreater(q0, q1, x0[p - 1], x1[p - 1])) p--;
            while (p < n && ExactPredicates.AngleGreater(q0, q1, x0[p], x1[p])) p++;
        }
        else
        {
            while (p > 0 && ExactPredicates.AngleGreater(x0[p - 1], x1[p - 1], q0, q1)) p--;
            while (p < n && !ExactPredicates.AngleGreater(x0[p], x1[p], q0, q1)) p++;
        }
        return p;
    }

    /// <summary>
    /// The arc {x_p : b·x_p &gt; 0} of the sorted data as positions: [start, end) when <paramref name="wrap"/> is false,
    /// [start, n) ∪ [0, end) when true. Empty (start = end, no wrap) for b = 0.
    /// </summary>
    private void Arc(Layout l, double b0, double b1, out int start, out int end, out bool wrap)
    {
        if (b0 == 0 && b1 == 0) { start = end = 0; wrap = false; return; }
        // b·x > 0 ⇔ cross(r, x) > 0 for r = b turned by −90° = (b1, −b0): x lies strictly within the half-turn after r.
        double r0 = b1, r1 = -b0;
        bool closed = _defect == Defect.ClosedArcs;
        start = Locate(l, r0, r1, orEqual: closed);
        end = Locate(l, -r0, -r1, orEqual: !closed);
        wrap = ExactPredicates.Half(r0, r1) == 1;
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<double> mass, ReadOnlySpan<double> points, Span<double> h)
    {
        int m = mass.Length, n = _data.Count;
        if (points.Length != 3 * m) throw new ArgumentException("points must be atoms × 3");
        if (h.Length != n) throw new ArgumentException("prediction length must equal the data count");
        h.Clear();
        if (!AllFinite(mass) || !AllFinite(points)) { h.Fill(double.NaN); return; }
        var l = CurrentLayout();
        int count = l.Count;
        var pts = ArrayPool<double>.Shared.Rent(3 * m);
        var starts = ArrayPool<int>.Shared.Rent(m);
        var ends = ArrayPool<int>.Shared.Rent(m);
        var d = ArrayPool<double>.Shared.Rent(4 * (count + 1));
        try
        {
            points.CopyTo(pts);
            ParallelRanges.For(m, AtomsPerChunk, (_, j0, j1) =>
            {
                for (int j = j0; j < j1; j++)
                {
                    Arc(l, pts[3 * j + 1], pts[3 * j + 2], out int s, out int e, out bool wrap);
                    starts[j] = s;
                    ends[j] = wrap ? ~e : e;
                }
            });
            // Difference array of c_j = M_j a_j b_j over the sorted data, in double-double (hi0, lo0, hi1, lo1 per slot),
            // filled in atom order: deterministic.
            var dd = d.AsSpan(0, 4 * (count + 1));
            dd.Clear();
            for (int j = 0; j < m; j++)
            {
                double w = mass[j] * points[3 * j];
                if (w == 0) continue;
                double c0 = w * points[3 * j + 1], c1 = w * points[3 * j + 2];
                int s = starts[j], e = ends[j];
                if (e < 0)
                {
                    Add(dd, 0, c0, c1);
                    e = ~e;
                }
                Add(dd, s, c0, c1);
                Add(dd, e, -c0, -c1);
            }
            // Running sum: C_p = Σ_{q ≤ p} D_q is the sum of c_j over the atoms whose arc contains x_p; h = C_p·x_p.
            double r0 = 0, e0 = 0, r1 = 0, e1 = 0;
            bool plain = _defect == Defect.PlainSums;
            for (int p = 0; p < count; p++)
            {
                if (plain) { r0 += dd[4 * p]; r1 += dd[4 * p + 2]; }
                else
                {
                    (r0, double t0) = ExactPredicates.TwoSum(r0, dd[4 * p]);
                    e0 += t0 + dd[4 * p + 1];
                    (r1, double t1) = ExactPredicates.TwoSum(r1, dd[4 * p + 2]);
                    e1 += t1 + dd[4 * p + 3];
                }
                h[l.Order[p]] = (r0 + e0) * l.X0[p] + (r1 + e1) * l.X1[p];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(pts);
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(ends);
            ArrayPool<double>.Shared.Return(d);
        }
    }

    private void Add(Span<double> dd, int slot, double c0, double c1)
    {
        if (_defect == Defect.PlainSums) { dd[4 * slot] += c0; dd[4 * slot + 2] += c1; return; }
        (dd[4 * slot], double t0) = ExactPredicates.TwoSum(dd[4 * slot], c0);
        dd[4 * slot + 1] += t0;
        (dd[4 * slot + 2], double t1) = ExactPredicates.TwoSum(dd[4 * slot + 2], c1);
        dd[4 * slot + 3] += t1;
    }

    /// <inheritdoc/>
    public void Contract(ReadOnlySpan<double> points, ReadOnlySpan<double> g, Span<double> values, Span<double> gradients)
    {
        int q = values.Length, n = _data.Count;
        if (points.Length != 3 * q) throw new ArgumentException("points must be count × 3");
        if (g.Length != n) throw new ArgumentException("residual length must equal the data count");
        bool wantGrad = !gradients.IsEmpty;
        if (wantGrad && gradients.Length != points.Length) throw new ArgumentException("gradient length must equal points length");
        if (!AllFinite(g) || !AllFinite(points))
        {
            values.Fill(double.NaN);
            if (wantGrad) gradients.Fill(double.NaN);
            return;
        }
        var l = CurrentLayout();
        int count = l.Count;
        // Prefix sums P_p = Σ_{q < p} g x over the sorted data in double-double: (hi0, lo0, hi1, lo1) per slot.
        var prefix = ArrayPool<double>.Shared.Rent(4 * (count + 1));
        var pts = ArrayPool<double>.Shared.Rent(3 * q);
        var vals = ArrayPool<double>.Shared.Rent(q);
        var grads = wantGrad ? ArrayPool<double>.Shared.Rent(3 * q) : null;
        try
        {
            bool plain = _defect == Defect.PlainSums;
            double s0 = 0, e0 = 0, s1 = 0, e1 = 0;
            prefix[0] = prefix[1] = prefix[2] = prefix[3] = 0;
            for (int p = 0; p < count; p++)
            {
                double gi = g[l.Order[p]];
                double v0 = gi * l.X0[p], v1 = gi * l.X1[p];
                if (plain) { s0 += v0; s1 += v1; }
                else
                {
                    (s0, double t0) = ExactPredicates.TwoSum(s0, v0);
                    e0 += t0;
                    (s1, double t1) = ExactPredicates.TwoSum(s1, v1);
                    e1 += t1;
                }
                int o = 4 * (p + 1);
                prefix[o] = s0; prefix[o + 1] = e0; prefix[o + 2] = s1; prefix[o + 3] = e1;
            }
            points.CopyTo(pts);
            ParallelRanges.For(q, AtomsPerChunk, (_, p0, p1) =>
            {
                for (int p = p0; p < p1; p++)
                {
                    double a = pts[3 * p], b0 = pts[3 * p + 1], b1 = pts[3 * p + 2];
                    Arc(l, b0, b1, out int s, out int e, out bool wrap);
                    double g0, g1;
                    if (!wrap) { g0 = Window(prefix, s, e, 0); g1 = Window(prefix, s, e, 2); }
                    else
                    {
                        g0 = Window(prefix, s, count, 0) + Window(prefix, 0, e, 0);
                        g1 = Window(prefix, s, count, 2) + Window(prefix, 0, e, 2);
                    }
                    double sum = b0 * g0 + b1 * g1;
                    vals[p] = a * sum;
                    if (grads is null) continue;
                    grads[3 * p] = sum;
                    grads[3 * p + 1] = a * g0;
                    grads[3 * p + 2] = a * g1;
                }
            });
            vals.AsSpan(0, q).CopyTo(values);
            if (grads is not null) grads.AsSpan(0, 3 * q).CopyTo(gradients);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(prefix);
            ArrayPool<double>.Shared.Return(pts);
            ArrayPool<double>.Shared.Return(vals);
            if (grads is not null) ArrayPool<double>.Shared.Return(grads);
        }
    }

    /// <summary>Σ over sorted positions [s, e) of one coordinate, from the double-double prefix sums.</summary>
    private static double Window(double[] prefix, int s, int e, int c)
        => (prefix[4 * e + c] - prefix[4 * s + c]) + (prefix[4 * e + c + 1] - prefix[4 * s + c + 1]);

    private static bool AllFinite(ReadOnlySpan<double> v)
    {
        foreach (double x in v) if (!double.IsFinite(x)) return false;
        return true;
    }
}

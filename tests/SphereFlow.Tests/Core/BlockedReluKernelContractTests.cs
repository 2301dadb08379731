using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Geometry;
using SphereFlow.Numerics;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Core;

/// <summary>
/// The blocked ReLU kernel's contract, beyond its agreement with the pairwise kernel on a few shapes
/// (<see cref="MeasureKernelTests"/>):
/// <list type="bullet">
/// <item>every block-size edge (one below, at and one above the register block MR × NR, the prediction's row block 8·MR, the
/// contraction's 128 columns, several register panels per contraction row block, the micro-kernel depth 256), with every
/// pooled buffer filled with NaN first, so a padding that is not cleared shows;</item>
/// <item>the sign mask kept from a prediction: used for a contraction at the same atoms and data, never for other points, and
/// never over its 16 MB cap or when the caller asked not to keep it; its lock released on every path;</item>
/// <item>no allocation once warm on the sequential path (pooled buffers returned, the cache reused);</item>
/// <item>argument checks that name the culprit.</item>
/// </list>
/// <para>
/// References are plain loops over atoms and data. Tolerance: both sides sum the same terms in different orders, each
/// term from a k-term dot product, so each result differs from the exact one by at most (γ_k + γ_N)·S for N summed terms,
/// with γ_n ≈ n·u (u = 2⁻⁵³) and S the sum of the terms' absolute bounds (|M a| |b| |x| for h; max(|a|, |b|) |g| |x| for
/// J and its gradient). The check allows twice that. A lost, doubled or garbage term is off by a whole term, orders of
/// magnitude more; NaN fails every comparison.
/// </para>
/// </summary>
public class BlockedReluKernelContractTests
{
    private const double U = 1.1102230246251565e-16;   // 2^-53

    private sealed record Problem(WeightedData Data, double[] Mass, double[] A, double[] B, double[] G)
    {
        public int K => Data.InputDim;
        public int N => Data.Count;
        public int M => Mass.Length;
    }

    private static Problem Make(int seed, int k, int m, int n)
    {
        var rng = new Random(seed);
        var rows = new double[k * n];
        for (int i = 0; i < rows.Length; i++) rows[i] = Sphere.Gaussian(rng);
        var data = WeightedData.FromRows(k, rows, new double[n], Enumerable.Repeat(1.0 / n, n).ToArray());
        double[] Points()
        {
            var p = new double[m * (k + 1)];
            for (int j = 0; j < m; j++)
            {
                Sphere.SampleUniform(rng, p.AsSpan(j * (k + 1), k + 1));
                if (j % 7 == 3) p[j * (k + 1)] = 0;   // some zero output weights
            }
            return p;
        }
        var mass = Enumerable.Range(0, m).Select(j => j % 5 == 2 ? 0 : rng.NextDouble()).ToArray();
        var g = Enumerable.Range(0, n).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        return new Problem(data, mass, Points(), Points(), g);
    }

    /// <summary>h_i = Σ_j M_j a_j max(0, b_j·x_i) by a plain loop, with S_i = Σ_j |M_j a_j| |b_j| |x_i|.</summary>
    private static (double[] H, double[] S) ReferencePrediction(Problem p)
    {
        int k = p.K, n = p.N, dim = k + 1;
        var h = new double[n];
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            double xn = 0;
            for (int c = 0; c < k; c++) xn += p.Data[i, c] * p.Data[i, c];
            xn = Math.Sqrt(xn);
            for (int j = 0; j < p.M; j++)
            {
                double dot = 0, bn = 0;
                for (int c = 0; c < k; c++) { dot += p.A[j * dim + 1 + c] * p.Data[i, c]; bn += p.A[j * dim + 1 + c] * p.A[j * dim + 1 + c]; }
                double w = p.Mass[j] * p.A[j * dim];
                h[i] += w * Math.Max(dot, 0);
                s[i] += Math.Abs(w) * Math.Sqrt(bn) * xn;
            }
        }
        return (h, s);
    }

    /// <summary>
    /// J(η) = a Σ_i g_i max(0, b·x_i), ∂_a J = Σ_i g_i max(0, b·x_i), ∇_b J = a Σ_i g_i 1[b·x_i &gt; 0] x_i at each point η = (a, b),
    /// by a plain loop; S = max(|a|, |b|) Σ_i |g_i| |x_i|.
    /// </summary>
    private static (double[] V, double[] Grad, double[] S) ReferenceContraction(Problem p, double[] points)
    {
        int k = p.K, n = p.N, dim = k + 1, q = points.Length / dim;
        var v = new double[q];
        var grad = new double[q * dim];
        var s = new double[q];
        for (int j = 0; j < q; j++)
        {
            double a = points[j * dim], bn = 0;
            for (int c = 0; c < k; c++) bn += points[j * dim + 1 + c] * points[j * dim + 1 + c];
            double size = Math.Max(Math.Abs(a), Math.Sqrt(bn)), sum = 0;
            for (int i = 0; i < n; i++)
            {
                double dot = 0, xn = 0;
                for (int c = 0; c < k; c++) { dot += points[j * dim + 1 + c] * p.Data[i, c]; xn += p.Data[i, c] * p.Data[i, c]; }
                sum += p.G[i] * Math.Max(dot, 0);
                if (dot > 0) for (int c = 0; c < k; c++) grad[j * dim + 1 + c] += a * p.G[i] * p.Data[i, c];
                s[j] += size * Math.Abs(p.G[i]) * Math.Sqrt(xn);
            }
            v[j] = a * sum;
            grad[j * dim] = sum;
        }
        return (v, grad, s);
    }

    private static void AssertClose(double[] actual, double[] expected, double[] scale, int perScale, double factor, string what)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            double tol = factor * U * scale[i / perScale];
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tol, $"{what}[{i}] = {actual[i]:R}, expected {expected[i]:R} (tolerance {tol:E2})");
        }
    }

    private static void CheckContraction(BlockedReluKernel kernel, Problem p, double[] points, bool gradients, string what)
    {
        int dim = p.K + 1, q = points.Length / dim;
        var (vRef, gRef, s) = ReferenceContraction(p, points);
        var v = new double[q];
        var grad = gradients ? new double[points.Length] : [];
        PoisonedPool.Poison();
        kernel.Contract(points, p.G, v, grad);
        double factor = 2 * (p.K + p.N + 2);
        AssertClose(v, vRef, s, 1, factor, $"{what}: J");
        if (gradients) AssertClose(grad, gRef, s, dim, factor, $"{what}: ∇J");
    }

    private static void CheckPrediction(BlockedReluKernel kernel, Problem p, string what)
    {
        var (hRef, s) = ReferencePrediction(p);
        var h = new double[p.N];
        PoisonedPool.Poison();
        kernel.Predict(p.Mass, p.A, h);
        AssertClose(h, hRef, s, 1, 2 * (p.K + p.M + 2), $"{what}: h");
    }

    /// <summary>(k, m, n) at the kernel's block edges; the comment says which edge each one is for.</summary>
    public static TheoryData<int, int, int, bool> EdgeShapes()
    {
        int mr = GemmMicroKernel.MR, nr = GemmMicroKernel.NR;
        var shapes = new (int K, int M, int N)[]
        {
            (8, 1, 1),                  // one atom, one datum: everything is padding
            (8, mr - 1, nr - 1),        // one below the register block
            (9, mr + 1, nr + 1),        // one above it
            (8, 5 * mr, 100),           // atoms exactly filling their panels (no padded row)
            (13, 8 * mr, 127),          // the prediction's row block; one below the contraction's 128 columns
            (13, 8 * mr + 1, 129),      // one above both
            (20, 16 * mr + 1, 255),     // several register panels per contraction row block; 128·2 − 1 columns
            (256, mr + 1, 128),         // the micro-kernel depth exactly; one contraction column block exactly
            (257, 2 * mr, 257),         // one past the depth and one past two column blocks
            (8, 2 * mr + 1, 3900),      // 256-wide prediction blocks whose last one ends inside the mask's row padding
        };
        var cases = new TheoryData<int, int, int, bool>();
        // Managed always; OpenBLAS tiles where the library is installed (scripts/install-openblas.sh).
        foreach (bool native in OpenBlas.IsAvailable ? new[] { false, true } : [false])
            foreach (var (k, m, n) in shapes) cases.Add(k, m, n, native);
        return cases;
    }

    /// <summary>
    /// At every edge shape, with poisoned pools: a contraction on a fresh kernel (values only and with gradients), the
    /// prediction, the contraction at its atoms (from the kept sign mask), at other points, and values only at its atoms.
    /// </summary>
    [Theory]
    [MemberData(nameof(EdgeShapes))]
    public void Every_block_edge_agrees_with_plain_loops_over_poisoned_buffers(int k, int m, int n, bool native)
    {
        var p = Make(1000 * k + m + n, k, m, n);
        var kernel = new BlockedReluKernel(p.Data, native);
        CheckContraction(kernel, p, p.B, gradients: false, "fresh kernel, values");
        CheckContraction(kernel, p, p.B, gradients: true, "fresh kernel, gradients");
        CheckPrediction(kernel, p, "prediction");
        long hits = kernel.CacheHits;
        CheckContraction(kernel, p, p.A, gradients: true, "at the predicted atoms");
        Assert.Equal(hits + 1, kernel.CacheHits);
        CheckContraction(kernel, p, p.B, gradients: true, "at other points");
        CheckContraction(kernel, p, p.A, gradients: false, "at the predicted atoms, values");
        Assert.Equal(hits + 1, kernel.CacheHits);
    }

    /// <summary>
    /// The kept atoms buffer only grows. After a prediction at m atoms and one at fewer, its tail still holds the old atoms;
    /// a contraction at (new atoms, old tail) matches the buffer bit for bit but not the mask, whose rows past the second
    /// prediction are padding. It must not use the mask. Data changed in place must not use it either.
    /// </summary>
    [Fact]
    public void The_sign_mask_serves_only_the_atoms_and_data_it_was_computed_from()
    {
        int k = 13, m = 2 * GemmMicroKernel.MR + 3, small = 3, dim = k + 1;
        var p = Make(7, k, m, 200);
        var kernel = new BlockedReluKernel(p.Data, native: false);
        CheckPrediction(kernel, p, "first prediction");
        var fewer = p with { Mass = p.Mass[..small], A = p.B[..(small * dim)] };
        CheckPrediction(kernel, fewer, "smaller prediction");
        var spliced = p.B[..(small * dim)].Concat(p.A[(small * dim)..]).ToArray();
        long hits = kernel.CacheHits;
        CheckContraction(kernel, p, spliced, gradients: true, "the new atoms followed by the old tail");
        Assert.Equal(hits, kernel.CacheHits);

        CheckPrediction(kernel, p, "prediction before the data change");
        p.Data.X[5] += 0.75;
        CheckContraction(kernel, p, p.A, gradients: true, "after the data changed in place");
        Assert.Equal(hits, kernel.CacheHits);
    }

    /// <summary>
    /// Every path through the cache releases its lock. One thread predicts, contracts at the same atoms (a hit) and at other
    /// points (a miss) and stays alive (a dead thread's id can be reused, which would let a leaked lock look re-entered);
    /// a second thread then predicts and contracts: it must get its hit.
    /// </summary>
    [Fact]
    public void The_cache_lock_is_released_on_every_path()
    {
        int k = 13;
        var p = Make(8, k, 20, 150);
        var kernel = new BlockedReluKernel(p.Data, native: false);
        var h = new double[p.N];
        var v = new double[p.M];
        var grad = new double[p.A.Length];
        using var firstDone = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Exception? failure = null;
        Thread Start(Action work, Action then)
        {
            var thread = new Thread(() =>
            {
                try { work(); }
                catch (Exception e) { failure = e; }
                then();
            });
            thread.Start();
            return thread;
        }
        var first = Start(() =>
        {
            kernel.Predict(p.Mass, p.A, h);
            kernel.Contract(p.A, p.G, v, grad);
            kernel.Contract(p.B, p.G, v, grad);
        }, () => { firstDone.Set(); release.Wait(); });
        firstDone.Wait();
        Assert.Null(failure);
        Assert.Equal(1, kernel.CacheHits);
        var second = Start(() =>
        {
            kernel.Predict(p.Mass, p.A, h);
            kernel.Contract(p.A, p.G, v, grad);
        }, () => { });
        second.Join();
        release.Set();
        first.Join();
        Assert.Null(failure);
        Assert.Equal(2, kernel.CacheHits);
    }

    /// <summary>
    /// The mask is kept only when asked for and only up to its cap, 2^27 bits = 16 MiB (mPad · (n padded to 128) bits).
    /// At n = 8192 the largest multiple of MR within the cap is kept (one bit per pair, at most 16 MiB); one MR more is not
    /// kept at all. A kernel built not to keep it (teacher targets) keeps nothing.
    /// </summary>
    [Fact]
    public void The_sign_mask_is_kept_only_when_asked_and_within_its_cap()
    {
        const int n = 8192;
        const long cap = 1L << 27;
        int mr = GemmMicroKernel.MR, within = (int)(cap / n / mr * mr);
        var rng = new Random(9);
        var data = WeightedData.FromRows(1, Enumerable.Range(0, n).Select(_ => Sphere.Gaussian(rng)).ToArray(), new double[n],
                                         Enumerable.Repeat(1.0 / n, n).ToArray());
        var h = new double[n];
        int Kept(int m, bool store)
        {
            var kernel = new BlockedReluKernel(data, native: false, storeProduct: store);
            var points = new double[2 * m];
            for (int j = 0; j < m; j++) { points[2 * j] = 1; points[2 * j + 1] = j % 2 == 0 ? 1 : -1; }
            kernel.Predict(Enumerable.Repeat(1.0 / m, m).ToArray(), points, h);
            return kernel.CachedMaskBytes;
        }
        int kept = Kept(within, store: true);
        Assert.InRange((long)kept, within * (long)n / 8, cap / 8);
        Assert.Equal(0, Kept(within + mr, store: true));
        Assert.Equal(0, Kept(mr, store: false));
    }

    public static TheoryData<int, int, int> SequentialShapes() => new()
    {
        { 8, 5, 10 },      // one column block
        { 13, 20, 100 },   // several column and row blocks, still below the sequential work limit
    };

    /// <summary>
    /// Warm (second and later calls at the same sizes), small calls run on the calling thread and allocate nothing: every
    /// pooled buffer goes back, the cache's buffers are reused, no parallel loop is started. The least of three calls is
    /// taken, so a pool trimmed by a garbage collection in between cannot fail the test; a leak allocates on every call.
    /// </summary>
    [Theory]
    [MemberData(nameof(SequentialShapes))]
    public void Warm_sequential_calls_allocate_nothing(int k, int m, int n)
    {
        var p = Make(10, k, m, n);
        var kernel = new BlockedReluKernel(p.Data, native: false);
        var h = new double[n];
        var v = new double[m];
        var grad = new double[p.A.Length];
        Action predict = () => kernel.Predict(p.Mass, p.A, h);
        Action cached = () => kernel.Contract(p.A, p.G, v, grad);
        Action other = () => kernel.Contract(p.B, p.G, v, grad);
        Action values = () => kernel.Contract(p.A, p.G, v, Span<double>.Empty);
        Action[] calls = [predict, cached, other, values];
        foreach (var call in calls) call();
        foreach (var call in calls) call();
        string[] names = ["prediction", "contraction from the mask", "contraction at other points", "values only"];
        for (int c = 0; c < calls.Length; c++)
        {
            // The mask must be current for the cached contraction.
            long least = ThreadAllocation.Least(calls[c], before: c == 1 ? predict : null);
            Assert.True(least == 0, $"{names[c]} allocated {least} bytes");
        }
    }

    /// <summary>
    /// A prediction of one column block runs on the calling thread however large it is (a parallel loop over one block
    /// only costs): warm, it allocates nothing.
    /// </summary>
    [Fact]
    public void A_one_block_prediction_allocates_nothing()
    {
        var p = Make(13, 128, 1000, GemmMicroKernel.NR);
        var kernel = new BlockedReluKernel(p.Data, native: false);
        var h = new double[p.N];
        kernel.Predict(p.Mass, p.A, h);   // warm-up
        long least = ThreadAllocation.Least(() => kernel.Predict(p.Mass, p.A, h));
        Assert.True(least == 0, $"allocated {least} bytes");
    }

    /// <summary>
    /// With OpenBLAS tiles, a contraction from the kept mask reads no points, so it does not copy them: it allocates less
    /// than the points' own size (a small operand record only).
    /// </summary>
    [Fact]
    public void Native_contraction_from_the_mask_does_not_copy_the_points()
    {
        if (!OpenBlas.IsAvailable) return;   // the managed path copies nothing in any case (test above)
        var p = Make(11, 13, 40, 100);
        var kernel = new BlockedReluKernel(p.Data, native: true);
        var h = new double[p.N];
        var v = new double[p.M];
        var grad = new double[p.A.Length];
        long least = ThreadAllocation.Least(() => kernel.Contract(p.A, p.G, v, grad), before: () => kernel.Predict(p.Mass, p.A, h));
        Assert.True(least < p.A.Length * sizeof(double), $"allocated {least} bytes; the points take {p.A.Length * sizeof(double)}");
    }

    [Fact]
    public void Argument_checks_name_the_culprit()
    {
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => new BlockedReluKernel(null!, native: false)).ParamName);
        var p = Make(12, 13, 4, 30);
        var kernel = new BlockedReluKernel(p.Data, native: false);
        Assert.Equal("points must be atoms × 14",
                     Assert.Throws<ArgumentException>(() => kernel.Predict(p.Mass, p.A.AsSpan(1), new double[30])).Message);
        Assert.Equal("prediction length must equal the data count",
                     Assert.Throws<ArgumentException>(() => kernel.Predict(p.Mass, p.A, new double[29])).Message);
        Assert.Equal("points must be count × 14",
                     Assert.Throws<ArgumentException>(() => kernel.Contract(p.A.AsSpan(1), p.G, new double[4], new double[p.A.Length])).Message);
        Assert.Equal("residual length must equal the data count",
                     Assert.Throws<ArgumentException>(() => kernel.Contract(p.A, p.G.AsSpan(1), new double[4], new double[p.A.Length])).Message);
        Assert.Equal("gradient length must equal points length",
                     Assert.Throws<ArgumentException>(() => kernel.Contract(p.A, p.G, new double[4], new double[p.A.Length - 1])).Message);
    }
}

using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Geometry;
using SphereFlow.Numerics;

namespace SphereFlow.Tests.Core;

/// <summary>
/// The whole-measure kernels (exact angular k = 2, blocked matrix products for large k) against the per-atom O(mn) kernels
/// they replace, including ties, zero vectors, masses and residuals over twelve orders of magnitude, and directions whose
/// pseudo-angles collide or invert by round-off; and their determinism.
/// <para>
/// Tolerance: both sides are sums of the same terms in different orders, so each differs from the exact sum by at most a
/// few ε per term count times the sum of absolute values of the terms (the condition of the sum). Errors are therefore
/// measured relative to that sum: Σ_j M_j |a_j| |b_j| |x_i| for h, Σ_i |g_i| |x_i| max(|a|, |b|) for J and its gradient.
/// With at most 200 terms the O(mn) kernel's own bound is 200 ε ≈ 4e-14, well inside 1e-12; a kernel that mis-assigns one
/// term (a wrong tie, a lost wrap-around) or loses digits to cancellation (plain running sums) misses it by orders of magnitude.
/// The last needs terms of very different sizes: masses and residuals span twelve decades, so a window of small terms
/// behind large ones sees a plain running sum's error ε·10^12·(its own terms) ≈ 2e-4 of them (see <see cref="Relative"/>).
/// </para>
/// </summary>
public class MeasureKernelTests
{
    private const double Tolerance = 1e-12;

    /// <summary>
    /// A random k = 2 case with structure: exact ties (x ⟂ b, x ∥ b, antipodes), zero vectors, powers-of-two scalings. Ties are
    /// kept exact (quarter turns and powers of two only): where |b·x| ≤ 2ε|b||x| without being 0, the per-atom kernel's rounded
    /// sign can be wrong, and there the two kernels may rightly differ by one gradient term g_i x_i.
    /// </summary>
    private sealed record Case(double[] Mass, double[] Points, WeightedData Data, double[] G);

    private static Case Planar(int seed, int m, int n)
    {
        var rng = new Random(seed);
        var dirs = new List<(double, double)>();
        // A small pool of directions, so that atoms and data share, oppose and are perpendicular to each other exactly.
        int pool = 1 + rng.Next(6);
        for (int p = 0; p < pool; p++)
        {
            double t = rng.Next(4) == 0 ? rng.Next(8) * Math.PI / 4 : 2 * Math.PI * rng.NextDouble();
            dirs.Add((Math.Cos(t), Math.Sin(t)));
        }
        dirs.Add((1, 0)); dirs.Add((0, 1));
        (double, double) Direction()
        {
            if (rng.Next(3) == 0) { double t = 2 * Math.PI * rng.NextDouble(); return (Math.Cos(t), Math.Sin(t)); }
            var (u, v) = dirs[rng.Next(dirs.Count)];
            // exact transformations: turn by ±90° or 180° (swap/negate), scale by a power of two
            (u, v) = rng.Next(4) switch { 0 => (u, v), 1 => (-v, u), 2 => (v, -u), _ => (-u, -v) };
            double s = Math.ScaleB(1.0, rng.Next(-3, 4));
            return (s * u, s * v);
        }
        var mass = new double[m];
        var pts = new double[3 * m];
        for (int j = 0; j < m; j++)
        {
            mass[j] = rng.Next(10) == 0 ? 0 : Math.Pow(10, -6 + 12 * rng.NextDouble());
            var (b0, b1) = rng.Next(12) == 0 ? (0.0, 0.0) : Direction();
            double a = rng.Next(12) == 0 ? 0 : 2 * rng.NextDouble() - 1;
            pts[3 * j] = a; pts[3 * j + 1] = b0; pts[3 * j + 2] = b1;
            // Atoms are not normalised: rounding each coordinate of b/|b| would turn exact ties into near-ties, where the
            // per-atom kernel's rounded fl(b0 x0 + b1 x1) may have the wrong sign (the angular kernel's sign is exact).
        }
        var rows = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            var (x0, x1) = rng.Next(15) == 0 ? (0.0, 0.0) : Direction();
            rows[2 * i] = x0; rows[2 * i + 1] = x1;
        }
        var y = new double[n];
        var w = new double[n];
        var g = new double[n];
        // Residuals over twelve decades, as the masses: prefix sums over them cancel (plain sums lose the small windows).
        for (int i = 0; i < n; i++) { w[i] = 1.0 / n; g[i] = (2 * rng.NextDouble() - 1) * Math.Pow(10, -6 + 12 * rng.NextDouble()); }
        return new Case(mass, pts, WeightedData.FromRows(2, rows, y, w), g);
    }

    /// <summary>Which of the two sums a check compares.</summary>
    [Flags]
    internal enum Parts { Predict = 1, Contract = 2, Both = Predict | Contract }

    /// <summary>Largest error of the fast kernel against the per-atom kernel, relative to the sums of absolute values.</summary>
    private static double Disagreement(IMeasureKernel fast, IFeatureMap map, Case c, Parts parts = Parts.Both)
    {
        int m = c.Mass.Length, n = c.Data.Count, dim = map.AmbientDim, k = map.InputDim;
        double worst = 0;
        var x = new double[k];
        var scratch = new double[n];
        if (parts.HasFlag(Parts.Predict)) worst = PredictDisagreement(fast, map, c, x, scratch);
        if (!parts.HasFlag(Parts.Contract)) return worst;
        var vFast = new double[m];
        var gFast = new double[m * dim];
        fast.Contract(c.Points, c.G, vFast, gFast);
        var gRef = new double[dim];
        for (int j = 0; j < m; j++)
        {
            var eta = c.Points.AsSpan(j * dim, dim);
            double v = map.Contract(eta, c.Data.View, c.G, gRef, scratch);
            double active = 0, all = 0, size = Math.Max(Math.Abs(eta[0]), Sphere.Norm(eta[1..]));
            for (int i = 0; i < n; i++)
            {
                for (int q = 0; q < k; q++) x[q] = c.Data[i, q];
                double t = Math.Abs(c.G[i]) * Sphere.Norm(x) * size;
                all += t;
                if (Active(eta[1..], x)) active += t;
            }
            worst = Math.Max(worst, Relative(vFast[j], v, active, all));
            for (int q = 0; q < dim; q++) worst = Math.Max(worst, Relative(gFast[j * dim + q], gRef[q], active, all));
        }
        return worst;
    }

    private static double PredictDisagreement(IMeasureKernel fast, IFeatureMap map, Case c, double[] x, double[] scratch)
    {
        int m = c.Mass.Length, n = c.Data.Count, dim = map.AmbientDim, k = map.InputDim;
        var hFast = new double[n];
        fast.Predict(c.Mass, c.Points, hFast);
        var hRef = new double[n];
        for (int j = 0; j < m; j++)
            if (c.Mass[j] != 0) map.Accumulate(c.Points.AsSpan(j * dim, dim), c.Mass[j], c.Data.View, hRef, scratch);
        double worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int q = 0; q < k; q++) x[q] = c.Data[i, q];
            double active = 0, all = 0;
            for (int j = 0; j < m; j++)
            {
                var b = c.Points.AsSpan(j * dim + 1, k);
                double t = c.Mass[j] * Math.Abs(c.Points[j * dim]) * Sphere.Norm(b) * Sphere.Norm(x);
                all += t;
                if (Active(b, x)) active += t;
            }
            worst = Math.Max(worst, Relative(hFast[i], hRef[i], active, all));
        }
        return worst;
    }

    /// <summary>b·x &gt; 0 (exact sign in k = 2; ties are exact there by construction, so the per-atom kernel agrees).</summary>
    private static bool Active(ReadOnlySpan<double> b, ReadOnlySpan<double> x)
        => b.Length == 2 ? ExactPredicates.DotSign(b[0], b[1], x[0], x[1]) > 0 : Sphere.Dot(b, x) > 0;

    /// <summary>
    /// |a − b| in units of Σ|active terms| + 1e-8 Σ|all terms|: the tolerance 1e-12 then allows ~1e4 ε on the terms that enter the
    /// sum and 1e-20 on those that only pass through a running or prefix sum (double-double leaves ~ε² of them; plain sums ε).
    /// </summary>
    private static double Relative(double a, double b, double active, double all)
    {
        double d = Math.Abs(a - b), scale = active + 1e-8 * all;
        return d == 0 ? 0 : scale > 0 ? d / scale : double.PositiveInfinity;
    }

    private static Arbitrary<(int Seed, int M, int N)> PlanarCases() =>
        Gen.Choose(0, int.MaxValue - 1).SelectMany(s => Gen.Choose(0, 120).SelectMany(m => Gen.Choose(1, 200).Select(n => (s, m, n)))).ToArbitrary();

    private static Property AngularAgrees(AngularReluKernel.Defect defect, Parts parts = Parts.Both) => Prop.ForAll(PlanarCases(), t =>
    {
        var c = Planar(t.Seed, t.M, t.N);
        var map = new ReluFeatures(2, FeatureKernel.Pairwise);
        double e = Disagreement(new AngularReluKernel(c.Data, defect), map, c, parts);
        return (e <= Tolerance).Label($"seed {t.Seed}, m {t.M}, n {t.N}: relative disagreement {e:E2} ({parts})");
    });

    [Property(MaxTest = 300)]
    public Property Angular_kernel_agrees_with_the_pairwise_kernel_to_1e12_relative() => AngularAgrees(AngularReluKernel.Defect.None);

    /// <summary>Each defect fails the property in each sum it breaks, checked on that sum alone.</summary>
    [Theory]
    [InlineData("ClosedArcs", "Contract")]   // counts b·x = 0 as inside: wrong gradients g_i x_i at exact ties (h gains M a b·x = 0)
    [InlineData("PlainSums", "Predict")]     // plain running sums of M a b: cancellation across masses 1e-6 … 1e6
    [InlineData("PlainSums", "Contract")]    // plain prefix sums of g x: cancellation across residuals 1e-6 … 1e6
    public void The_agreement_property_fails_on_a_deliberately_broken_kernel(string defect, string part)
    {
        var d = Enum.Parse<AngularReluKernel.Defect>(defect);
        var parts = Enum.Parse<Parts>(part);
        var failure = Record.Exception(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), AngularAgrees(d, parts)));
        Assert.NotNull(failure);
    }

    /// <summary>
    /// Directions whose pseudo-angles collide or invert by round-off, where the bucket search alone would misplace arc ends
    /// and only the exact walks after it, and the exact insertion sort, decide. A cluster is u_i = (m0 + i, m1·2^e),
    /// i = −2…2, with m0, m1 ≤ 2^20 and e ∈ [20, 60], turned by quarter turns and reflected so that it lies along any of the
    /// four axes (with m0 ≤ 2 it straddles the axis), then scaled by a power of two to |u| ≤ 1. Neighbours differ in angle
    /// by 1/(m1·2^e), mostly below the pseudo-angle's resolution 2^-53 near an axis, so their pseudo-angles collide; and the
    /// odd multiples c·u (c = 1, 3, 5, 7) are exactly parallel but their pseudo-angles round an ulp apart either way (about
    /// one pair in sixteen). Atoms are mostly members turned by ±90°, so their arc boundaries ±r = ±(b1, −b0) lie exactly on
    /// data directions (exact ties), with pseudo-angles above or below those of the data on them. Every coordinate has at
    /// most 24 significant bits, so each product b_c x_c is exact and the per-atom kernel's sign of b·x is exact too (a sum
    /// of two exact products rounds with the right sign). Near 45° a collision needs coordinates of 54 bits, where that sign
    /// would be rounded: such clusters are left out.
    /// </summary>
    private static Case Clustered(int seed)
    {
        var rng = new Random(seed);
        var members = new List<(double, double)>();
        for (int cluster = 1 + rng.Next(3); cluster > 0; cluster--)
        {
            double m0 = rng.Next(4) == 0 ? rng.Next(3) : 1 + rng.Next(1 << 20), m1 = 1 + rng.Next(1 << 20);
            int e = rng.Next(20, 61), turn = rng.Next(8);
            for (int i = -2; i <= 2; i++)
            {
                // (m0 + i, m1·2^e) scaled by 2^-(e+20) to |u| ≤ 1, like a and the Planar atoms (the scale of Disagreement
                // assumes |a|, |b| of order one); powers of two change neither the pseudo-angles nor the exactness.
                double u0 = Math.ScaleB(m0 + i, -e - 20), u1 = Math.ScaleB(m1, -20);
                if (turn >= 4) (u0, u1) = (u1, u0);
                (u0, u1) = (turn & 3) switch { 0 => (u0, u1), 1 => (-u1, u0), 2 => (-u0, -u1), _ => (u1, -u0) };
                members.Add((u0, u1));
            }
        }
        (double, double) Member()
        {
            var (u0, u1) = members[rng.Next(members.Count)];
            double c = 1 + 2 * rng.Next(4);
            return (c * u0, c * u1);
        }
        int m = rng.Next(41), n = 1 + rng.Next(60);
        var mass = new double[m];
        var pts = new double[3 * m];
        for (int j = 0; j < m; j++)
        {
            mass[j] = rng.Next(10) == 0 ? 0 : Math.Pow(10, -6 + 12 * rng.NextDouble());
            var (u0, u1) = rng.Next(12) == 0 ? (0.0, 0.0) : Member();
            (double b0, double b1) = rng.Next(4) switch { 0 => (u0, u1), 1 => (u1, -u0), _ => (-u1, u0) };
            pts[3 * j] = rng.Next(12) == 0 ? 0 : 2 * rng.NextDouble() - 1;
            pts[3 * j + 1] = b0; pts[3 * j + 2] = b1;
        }
        var rows = new double[2 * n];
        for (int i = 0; i < n; i++) (rows[2 * i], rows[2 * i + 1]) = rng.Next(20) == 0 ? (0.0, 0.0) : Member();
        var g = Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble() - 1) * Math.Pow(10, -6 + 12 * rng.NextDouble())).ToArray();
        return new Case(mass, pts, WeightedData.FromRows(2, rows, new double[n], Enumerable.Repeat(1.0 / n, n).ToArray()), g);
    }

    [Property(MaxTest = 300)]
    public Property Angular_kernel_agrees_where_pseudo_angles_collide_or_invert() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var c = Clustered(seed);
            double e = Disagreement(new AngularReluKernel(c.Data), new ReluFeatures(2, FeatureKernel.Pairwise), c);
            return (e <= Tolerance).Label($"seed {seed}: relative disagreement {e:E2}");
        });

    [Fact]
    public void Angular_kernel_sorts_directions_whose_pseudo_angles_are_equal()
    {
        // x_i = (i·2^-60, 1), i = −3…3: the angles fall as i rises, the pseudo-angles all round to exactly 1. Given in falling
        // angle, the exact insertion sort has to carry each direction to the front. Atoms: each x_i turned by ±90°, so every
        // arc ends exactly on a data direction; products are exact (see Clustered), so the per-atom kernel is exact.
        var rows = new List<double>();
        for (int i = -3; i <= 3; i++) { rows.Add(Math.ScaleB(i, -60)); rows.Add(1.0); }
        int n = 7, m = 14;
        var mass = new double[m];
        var pts = new double[3 * m];
        var rng = new Random(5);
        for (int j = 0; j < m; j++)
        {
            double x0 = rows[2 * (j % n)], x1 = rows[2 * (j % n) + 1], s = j < n ? 1 : -1;
            mass[j] = Math.Pow(10, -6 + 12 * rng.NextDouble());
            pts[3 * j] = 2 * rng.NextDouble() - 1; pts[3 * j + 1] = s * x1; pts[3 * j + 2] = -s * x0;
        }
        var g = Enumerable.Range(0, n).Select(_ => (2 * rng.NextDouble() - 1) * Math.Pow(10, -6 + 12 * rng.NextDouble())).ToArray();
        var c = new Case(mass, pts, WeightedData.FromRows(2, rows.ToArray(), new double[n], Enumerable.Repeat(1.0 / n, n).ToArray()), g);
        Assert.All(Enumerable.Range(0, n), i => Assert.Equal(1.0, ExactPredicates.PseudoAngle(rows[2 * i], rows[2 * i + 1])));
        double e = Disagreement(new AngularReluKernel(c.Data), new ReluFeatures(2, FeatureKernel.Pairwise), c);
        Assert.True(e <= Tolerance, $"relative disagreement {e:E2}");
    }

    [Fact]
    public void Angular_kernel_contracts_at_points_other_than_the_last_prediction()
    {
        // The contraction must read its own points: on a fresh kernel, after a prediction at other atoms, and value-only.
        var c = Planar(21, 30, 80);
        var other = Planar(22, 30, 80);
        var at = new Case(other.Mass, other.Points, c.Data, c.G);
        var map = new ReluFeatures(2, FeatureKernel.Pairwise);
        var kernel = new AngularReluKernel(c.Data);
        double fresh = Disagreement(kernel, map, at, Parts.Contract);
        kernel.Predict(c.Mass, c.Points, new double[c.Data.Count]);
        double after = Disagreement(kernel, map, at, Parts.Contract);
        Assert.True(fresh <= Tolerance && after <= Tolerance, $"relative disagreement {fresh:E2} fresh, {after:E2} after a prediction");
        var full = new double[30];
        kernel.Contract(other.Points, c.G, full, new double[90]);
        var valueOnly = new double[30];
        kernel.Contract(other.Points, c.G, valueOnly, Span<double>.Empty);
        Assert.True(Bitwise.Equal(full, valueOnly), "value-only contraction differs from the full one");
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, typeof(AngularReluKernel))]
    [InlineData(3, null)]
    [InlineData(ReluFeatures.BlockedMinInputDim - 1, null)]
    [InlineData(ReluFeatures.BlockedMinInputDim, typeof(BlockedReluKernel))]
    [InlineData(ReluFeatures.BlockedMinInputDim + 1, typeof(BlockedReluKernel))]
    public void Relu_chooses_its_kernel_by_input_dimension(int k, Type? expected)
    {
        var data = Wide(1, k, 1, 10).Data;
        var map = new ReluFeatures(k);
        Assert.Equal(expected, map.CreateKernel(data)?.GetType());
        Assert.Null(new ReluFeatures(k + 1).CreateKernel(data));   // data of another dimension: per-η kernels
        Assert.Throws<ArgumentNullException>(() => map.CreateKernel(null!));
    }

    [Fact]
    public void Registry_selects_the_angular_kernel_for_k2_relu_and_the_case_key_forces_pairwise()
    {
        var data = TeacherNetwork.Random(2, 3, 1).AngularQuadrature(50);
        Assert.IsType<AngularReluKernel>(((IMeasureKernelSource)FeatureMaps.Create("relu", new FeatureOptions(2))).CreateKernel(data));
        Assert.Null(((IMeasureKernelSource)FeatureMaps.Create("relu", new FeatureOptions(2, Kernel: FeatureKernel.Pairwise))).CreateKernel(data));
        var wide = TeacherNetwork.Random(20, 3, 1).MonteCarlo(50, 2);
        Assert.IsType<BlockedReluKernel>(((IMeasureKernelSource)FeatureMaps.Create("relu", new FeatureOptions(20))).CreateKernel(wide));
    }

    [Fact]
    public void Angular_kernel_follows_data_changed_in_place()
    {
        var c = Planar(7, 40, 60);
        var map = new ReluFeatures(2, FeatureKernel.Pairwise);
        var kernel = new AngularReluKernel(c.Data);
        Assert.True(Disagreement(kernel, map, c) <= Tolerance);
        var rng = new Random(3);
        for (int q = 0; q < c.Data.X.Length; q++) c.Data.X[q] = Sphere.Gaussian(rng);   // e.g. an SGD batch redrawn in place
        Assert.True(Disagreement(kernel, map, c) <= Tolerance);
    }

    private static Case Wide(int seed, int k, int m, int n)
    {
        var rng = new Random(seed);
        var mass = new double[m];
        var pts = new double[(k + 1) * m];
        for (int j = 0; j < m; j++)
        {
            mass[j] = rng.Next(8) == 0 ? 0 : rng.NextDouble();
            Sphere.SampleUniform(rng, pts.AsSpan(j * (k + 1), k + 1));
        }
        var rows = new double[k * n];
        for (int q = 0; q < rows.Length; q++) rows[q] = Sphere.Gaussian(rng);
        var g = Enumerable.Range(0, n).Select(_ => 2 * rng.NextDouble() - 1).ToArray();
        return new Case(mass, pts, WeightedData.FromRows(k, rows, new double[n], Enumerable.Repeat(1.0 / n, n).ToArray()), g);
    }

    public static TheoryData<int, int, int, int, bool> BlockedCases()
    {
        var cases = new TheoryData<int, int, int, int, bool>();
        // Managed always; OpenBLAS tiles where the library is installed (scripts/install-openblas.sh).
        foreach (bool native in OpenBlas.IsAvailable ? new[] { false, true } : [false])
        {
            cases.Add(1, 8, 1, 1, native);
            cases.Add(2, 13, 37, 101, native);     // ragged against every block size
            cases.Add(3, 100, 20, 100, native);    // the figure-3 SGD step
            cases.Add(4, 100, 130, 300, native);
            cases.Add(5, 300, 25, 40, native);     // k beyond one depth block (256)
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(BlockedCases))]
    public void Blocked_kernel_agrees_with_the_pairwise_kernel(int seed, int k, int m, int n, bool native)
    {
        var c = Wide(seed, k, m, n);
        var map = new ReluFeatures(k, FeatureKernel.Pairwise);
        var kernel = new BlockedReluKernel(c.Data, native);
        Assert.Equal(native, kernel.Path.Contains("OpenBLAS", StringComparison.Ordinal));
        Assert.True(Disagreement(kernel, map, c) <= Tolerance);
        // Contraction at points other than the last prediction's atoms (no reuse of the stored product).
        var other = Wide(seed + 100, k, m, n);
        var v = new double[m];
        var gr = new double[m * (k + 1)];
        kernel.Contract(other.Points, c.G, v, gr);
        var scratch = new double[n];
        var gRef = new double[k + 1];
        var valueOnly = new double[m];
        kernel.Contract(other.Points, c.G, valueOnly, Span<double>.Empty);   // Σ g relu(P) directly, no second product
        for (int j = 0; j < m; j++)
        {
            double vr = map.Contract(other.Points.AsSpan(j * (k + 1), k + 1), c.Data.View, c.G, gRef, scratch);
            Assert.True(Math.Abs(v[j] - vr) <= 1e-12 * n * 10, $"atom {j}: {v[j]} vs {vr}");
            Assert.True(Math.Abs(valueOnly[j] - vr) <= 1e-12 * n * 10, $"atom {j}, value only: {valueOnly[j]} vs {vr}");
        }
    }

    public static TheoryData<string, int, int, int> ThreadCases()
    {
        var cases = new TheoryData<string, int, int, int> { { "angular", 2, 30_000, 3_000 }, { "blocked", 40, 400, 700 } };
        if (OpenBlas.IsAvailable) cases.Add("openblas", 40, 400, 700);
        return cases;
    }

    [Theory]
    [MemberData(nameof(ThreadCases))]
    public void Kernels_give_identical_bits_on_one_and_two_threads(string name, int k, int m, int n)
    {
        var c = k == 2 ? Planar(11, m, n) : Wide(11, k, m, n);
        IMeasureKernel Make() => k == 2 ? new AngularReluKernel(c.Data) : new BlockedReluKernel(c.Data, native: name == "openblas");
        (double[] H, double[] V, double[] G) Run(int threads)
        {
            using var limit = ParallelRanges.LimitThreads(threads);
            var kernel = Make();
            var h = new double[n];
            var v = new double[m];
            var g = new double[m * (k + 1)];
            kernel.Predict(c.Mass, c.Points, h);
            kernel.Contract(c.Points, c.G, v, g);
            return (h, v, g);
        }
        var one = Run(1);
        var two = Run(2);
        Assert.True(one.H.AsSpan().SequenceEqual(two.H), $"{name}: prediction differs");
        Assert.True(one.V.AsSpan().SequenceEqual(two.V), $"{name}: values differ");
        Assert.True(one.G.AsSpan().SequenceEqual(two.G), $"{name}: gradients differ");
    }

    [Theory]
    [InlineData(1.0, 2.0, 3.0, 4.0)]
    [InlineData(1.0, 1.0, 1.0, -1.0)]
    [InlineData(0.1, 0.3, 0.3, -0.1)]                  // exact tie of non-representable decimals
    [InlineData(1e-300, 1e-300, 1e-10, -1e-10)]        // tiny products: the exact path rescales
    [InlineData(0.1, 0.2, 0.2, -0.1 + 1e-17)]
    [InlineData(1e300, 3.0, 1e-300, -1.0 / 3.0)]       // near-cancellation across the exponent range
    public void Dot_sign_is_exact(double a0, double a1, double b0, double b1)
        // Independent reference: the exact value by integer arithmetic on the doubles' mantissas and exponents.
        => Assert.Equal(ExactReferenceSign(a0, a1, b0, b1), ExactPredicates.DotSign(a0, a1, b0, b1));

    [Property(MaxTest = 500)]
    public Property Dot_sign_matches_exact_rational_arithmetic() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(), seed =>
        {
            var rng = new Random(seed);
            double R() => (2 * rng.NextDouble() - 1) * Math.ScaleB(1.0, rng.Next(-40, 40));
            double a0 = R(), a1 = R(), b0 = R();
            // b1 chosen so that a·b nearly cancels: b1 = −a0 b0 / a1 rounded, plus a few ulps.
            double b1 = -a0 * b0 / a1;
            for (int u = rng.Next(-3, 4); u != 0; u += u > 0 ? -1 : 1) b1 = u > 0 ? Math.BitIncrement(b1) : Math.BitDecrement(b1);
            return ExactPredicates.DotSign(a0, a1, b0, b1) == ExactReferenceSign(a0, a1, b0, b1);
        });

    private static int ExactReferenceSign(double a0, double a1, double b0, double b1)
    {
        // Every finite double is m·2^e with integer m: scale all four products to a common power of two.
        static (System.Numerics.BigInteger M, int E) Split(double v)
        {
            if (v == 0) return (0, 0);
            long bits = BitConverter.DoubleToInt64Bits(v);
            int exp = (int)((bits >> 52) & 0x7FF);
            long man = bits & 0xFFFFFFFFFFFFFL;
            if (exp == 0) exp = 1; else man |= 1L << 52;
            var m = new System.Numerics.BigInteger(man);
            return (v < 0 ? -m : m, exp - 1075);
        }
        var (m0, e0) = Split(a0); var (n0, f0) = Split(b0);
        var (m1, e1) = Split(a1); var (n1, f1) = Split(b1);
        var p = (m0 * n0, e0 + f0);
        var q = (m1 * n1, e1 + f1);
        int e = Math.Min(p.Item2, q.Item2);
        var sum = (p.Item1 << (p.Item2 - e)) + (q.Item1 << (q.Item2 - e));
        return sum.Sign;
    }
}

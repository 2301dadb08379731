using SphereFlow.Numerics;

namespace SphereFlow.Tests.Core;

/// <summary>
/// The ziggurat generator against the normal law at fixed seeds: Kolmogorov–Smirnov distance, moments and tail frequencies
/// far out (where the wedge and tail algorithms, not the rectangles, produce the values), plus its streams.
/// </summary>
public class ZigguratNormalTests(ITestOutputHelper output)
{
    private const int N = 2_000_000;

    private static double NormalCdf(double x) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(-x / Math.Sqrt(2));

    private static double[] Sample(long seed)
    {
        var z = new ZigguratNormal(seed);
        var v = new double[N];
        // Uneven call lengths exercise the vector path, the scalar remainder and the dropped words at the end of a call.
        for (int i = 0, len = 1; i < N; i += len, len = len % 997 + 3) z.Fill(v.AsSpan(i, Math.Min(len, N - i)));
        return v;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20261129)]
    public void Kolmogorov_Smirnov_distance_is_below_the_1e3_critical_value(long seed)
    {
        var v = Sample(seed);
        Array.Sort(v);
        double d = 0;
        for (int i = 0; i < N; i++)
        {
            double f = NormalCdf(v[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / N - f, f - (double)i / N));
        }
        // Asymptotic KS critical value at level 1e-3: 1.949/√N (a correct generator passes at a fixed seed with probability 0.999).
        double critical = 1.949 / Math.Sqrt(N);
        output.WriteLine($"seed {seed}: D = {d:E3}, critical {critical:E3}");
        Assert.True(d < critical, $"KS distance {d} ≥ {critical}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(77)]
    public void Moments_and_tail_frequencies_match_the_normal_law(long seed)
    {
        var v = Sample(seed);
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        foreach (double x in v) { double x2 = x * x; m1 += x; m2 += x2; m3 += x2 * x; m4 += x2 * x2; }
        m1 /= N; m2 /= N; m3 /= N; m4 /= N;
        // Standard errors of the sample moments of N(0,1): √(Var x^p / N) with Var x = 1, Var x² = 2, Var x³ = 15, Var x⁴ = 96.
        double se(double var) => Math.Sqrt(var / N);
        output.WriteLine($"seed {seed}: mean {m1:E2}, E x² − 1 = {m2 - 1:E2}, E x³ = {m3:E2}, E x⁴ − 3 = {m4 - 3:E2}");
        Assert.True(Math.Abs(m1) < 5 * se(1), $"mean {m1}");
        Assert.True(Math.Abs(m2 - 1) < 5 * se(2), $"second moment {m2}");
        Assert.True(Math.Abs(m3) < 5 * se(15), $"third moment {m3}");
        Assert.True(Math.Abs(m4 - 3) < 5 * se(96), $"fourth moment {m4}");
        // Two-sided tails beyond t: the base layer's tail algorithm starts at r = 3.654, the wedges below it.
        foreach (double t in new[] { 1.0, 2.5, 3.0, 3.654, 4.0, 4.5 })
        {
            double p = 2 * (1 - NormalCdf(t));
            int count = v.Count(x => Math.Abs(x) > t);
            double expected = p * N, sd = Math.Sqrt(N * p * (1 - p));
            output.WriteLine($"  |x| > {t}: {count} vs {expected:F1} ± {sd:F1}");
            Assert.True(Math.Abs(count - expected) < 5 * sd + 1, $"|x| > {t}: {count} observed, {expected:F1} expected");
        }
        Assert.Equal(v.Count(x => x > 0), N - v.Count(x => x <= 0));
        Assert.True(Math.Abs(v.Count(x => x > 0) - N / 2.0) < 5 * Math.Sqrt(N / 4.0), "sign balance");
    }

    [Fact]
    public void Each_lane_is_the_scalar_xoshiro_stream_jumped_lane_times()
    {
        var z = new ZigguratNormal(42);
        var block = z.RawBlock();
        var scalar = new Xoshiro256(42);
        for (int lane = 0; lane < 8; lane++)
        {
            var copy = new Xoshiro256(42);
            for (int j = 0; j < lane; j++) copy.Jump();
            for (int step = 0; step < 8; step++) Assert.Equal(copy.NextUInt64(), block[8 * step + lane]);
        }
        GC.KeepAlive(scalar);
    }

    [Fact]
    public void State_round_trips_and_streams_depend_on_the_seed()
    {
        var a = new ZigguratNormal(5);
        var first = new double[1000];
        a.Fill(first);
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) a.WriteState(w);
        var next = new double[777];
        a.Fill(next);
        ms.Position = 0;
        var b = new ZigguratNormal(999);
        using (var r = new BinaryReader(ms)) b.ReadState(r);
        var again = new double[777];
        b.Fill(again);
        Assert.Equal(next, again);
        var c = new double[1000];
        new ZigguratNormal(6).Fill(c);
        Assert.NotEqual(first, c);
    }
}

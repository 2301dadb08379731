using SphereFlow.Data;
using SphereFlow.Features;

namespace SphereFlow.Tests.Core;

/// <summary>
/// The per-atom ReLU kernels (<c>AffineReluKernel</c>, behind relu-bias and pairwise relu) on a block of a larger data set,
/// and the feature maps' argument checks. Written against the survivors of the session-5 Stryker run on the feature-map
/// files (mutation/README.md); each named mutant was applied by hand and seen failing.
/// <para>
/// The parallel prediction hands each thread a block of the data (<see cref="DataView.Slice"/>) and the matching slice of h:
/// the kernels must read and write exactly the block. One step too far in a scalar tail (<c>i &lt;= n</c>) reads the next
/// block's point and residual and adds to its prediction, which a whole data set cannot show (the step then falls outside
/// the arrays). So the block here sits inside a larger set whose every point is active (b·x + c &gt; 0) with a non-zero
/// residual, and the block lengths leave tails for any vector width. Tolerance: sums of at most 13 terms, so the library's
/// order of summation differs from the reference loop by ≲ 13ε of the sum of absolute values; 1e-13 of it leaves a factor
/// 3, while a stray term is of the size of a term.
/// </para>
/// </summary>
public class FeatureMapContractTests
{
    private const int Total = 40, Start = 5;

    public static TheoryData<string, int, int> Blocks()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var map in new[] { "relu-bias", "relu" })
            foreach (int k in new[] { 2, 3 })
                foreach (int n in new[] { 13, 6, 1 })
                    data.Add(map, k, n);
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Relu_kernels_on_a_block_read_and_write_only_the_block(string map, int k, int n)
    {
        bool bias = map == "relu-bias";
        IFeatureMap features = bias ? new ReluBiasFeatures(k) : new ReluFeatures(k, FeatureKernel.Pairwise);
        var rng = new Random(100 * k + n);
        var x = new double[k * Total];
        for (int q = 0; q < x.Length; q++) x[q] = 0.1 + rng.NextDouble();   // positive inputs: with b > 0 every point is active
        var eta = new double[features.AmbientDim];
        eta[0] = 0.6;
        for (int c = 0; c < k; c++) eta[1 + c] = 0.2 + 0.1 * c;
        if (bias) eta[k + 1] = 0.3;
        var g = new double[Total];
        for (int i = 0; i < Total; i++) g[i] = 0.5 + rng.NextDouble();
        var block = new DataView(x, Total, 0, Total).Slice(Start, n);

        double valueRef = 0, abs = 0;
        var gradRef = new double[features.AmbientDim];
        var psi = new double[n];
        for (int i = 0; i < n; i++)
        {
            int p = Start + i;
            double s = bias ? eta[k + 1] : 0;
            for (int c = 0; c < k; c++) s += eta[1 + c] * x[c * Total + p];
            Assert.True(s > 0);
            psi[i] = eta[0] * s;
            valueRef += g[p] * psi[i];
            abs += Math.Abs(g[p]) * (s + 1) * 2;
            gradRef[0] += g[p] * s;
            for (int c = 0; c < k; c++) gradRef[1 + c] += eta[0] * g[p] * x[c * Total + p];
            if (bias) gradRef[k + 1] += eta[0] * g[p];
        }

        var grad = new double[features.AmbientDim];
        var scratch = new double[Math.Max(1, features.ScratchPerPoint) * Total];
        double value = features.Contract(eta, block, g.AsSpan(Start, n), grad, scratch);
        Assert.True(Math.Abs(value - valueRef) <= 1e-13 * abs, $"J part {value:R}, reference {valueRef:R}");
        for (int c = 0; c < grad.Length; c++)
            Assert.True(Math.Abs(grad[c] - gradRef[c]) <= 1e-13 * abs, $"gradient {c}: {grad[c]:R}, reference {gradRef[c]:R}");
        Assert.True(Math.Abs(features.Contract(eta, block, g.AsSpan(Start, n), Span<double>.Empty, scratch) - valueRef) <= 1e-13 * abs);

        var h = new double[Total];
        features.Accumulate(eta, 0.75, block, h.AsSpan(Start, n), scratch);
        for (int p = 0; p < Total; p++)
        {
            double expected = p >= Start && p < Start + n ? 0.75 * psi[p - Start] : 0;
            Assert.True(Math.Abs(h[p] - expected) <= 1e-15 * Math.Abs(expected), $"h[{p}] = {h[p]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Feature_map_argument_checks_name_the_culprit()
    {
        Assert.Contains("k ≥ 1", Assert.Throws<ArgumentException>(() => new ReluBiasFeatures(0)).Message);
        Assert.Contains("cutoff", Assert.Throws<ArgumentException>(() => new DirichletFeatures(-1)).Message);
        Assert.Equal(0, new DirichletFeatures(0).Cutoff);   // K = 0 is the constant kernel, allowed
        Assert.Contains("dimension", Assert.Throws<ArgumentException>(() => new VonMisesFeatures(0, 1)).Message);
        foreach (double bad in new[] { 0, -1, double.NaN, double.PositiveInfinity })
            Assert.Contains("kappa", Assert.Throws<ArgumentException>(() => new VonMisesFeatures(2, bad)).Message);
        Assert.Contains("unknown feature map 'nope'", Assert.Throws<ArgumentException>(() => FeatureMaps.Create("nope", new FeatureOptions(1))).Message);
        Assert.Contains("scalar (angle) inputs", Assert.Throws<ArgumentException>(() => FeatureMaps.Create("dirichlet", new FeatureOptions(2))).Message);
    }
}

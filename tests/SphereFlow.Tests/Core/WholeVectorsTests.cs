using System.Numerics;
using SphereFlow.Numerics;

namespace SphereFlow.Tests.Core;

/// <summary>The whole-vector views of the kernels' SIMD loops: every element in view, no partial vector, writes reach the data.</summary>
public class WholeVectorsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void Views_cover_every_element_and_refuse_a_partial_vector(int blocks)
    {
        // Lengths that are whole vectors and whole quads: vl and 4 are powers of two, so max(vl, 4) is a multiple of both.
        int vl = Vector<double>.Count, vectors = blocks * Math.Max(vl, 4) / vl;
        var x = Enumerable.Range(0, vectors * vl).Select(i => i + 0.5).ToArray();
        var view = WholeVectors.Of((ReadOnlySpan<double>)x);
        Assert.Equal(vectors, view.Length);
        for (int v = 0; v < vectors; v++)
            for (int lane = 0; lane < vl; lane++) Assert.Equal(x[v * vl + lane], view[v][lane]);
        var quads = WholeVectors.Quads(x);
        Assert.Equal(x.Length / 4, quads.Length);
        for (int q = 0; q < quads.Length; q++)
            for (int lane = 0; lane < 4; lane++) Assert.Equal(x[4 * q + lane], quads[q][lane]);
        var writable = WholeVectors.Of(x.AsSpan());
        for (int v = 0; v < vectors; v++) writable[v] = new Vector<double>(-1);
        Assert.All(x, e => Assert.Equal(-1, e));

        var longer = new double[vectors * vl + 1];
        Assert.Contains($"length {longer.Length} is not a multiple of the vector width {vl}",
                        Assert.Throws<ArgumentException>(() => WholeVectors.Of((ReadOnlySpan<double>)longer)).Message);
        Assert.Contains("vector width", Assert.Throws<ArgumentException>(() => WholeVectors.Of(longer.AsSpan())).Message);
        Assert.Contains($"length {x.Length + 2} is not a multiple of the vector width 4",
                        Assert.Throws<ArgumentException>(() => WholeVectors.Quads(new double[x.Length + 2])).Message);
    }
}

using SphereFlow.Numerics;

namespace SphereFlow.Tests.Core;

/// <summary>The kernels' cache key: arrays are equal when their bits are (a change in any element, the last included, is seen).</summary>
public class BitwiseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(10_000)]
    public void A_change_in_any_single_element_is_seen(int n)
    {
        var a = Enumerable.Range(0, n).Select(i => Math.Sin(i + 0.5)).ToArray();
        var b = (double[])a.Clone();
        Assert.True(Bitwise.Equal(a, b));
        foreach (int i in new[] { 0, n / 2, n - 1 })
        {
            b[i] = Math.BitIncrement(a[i]);
            Assert.False(Bitwise.Equal(a, b));
            b[i] = a[i];
        }
        Assert.False(Bitwise.Equal(a, b.AsSpan(0, n - 1)));
    }

    [Fact]
    public void Signed_zeros_differ_and_identical_NaNs_agree()
    {
        Assert.False(Bitwise.Equal([0.0], [-0.0]));
        Assert.True(Bitwise.Equal([double.NaN], [double.NaN]));
    }
}

using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// <see cref="SlopeLimiters"/> against the textbook limiter formulas (LeVeque, Finite Volume Methods, §6.9) on hand-picked
/// slope pairs, including the edge cases: equal magnitudes, zeros, sign changes; and the case-file names.
/// </summary>
public class SlopeLimiterFormulaTests
{
    // Textbook minmod: 0 at a sign change or a zero, else the argument of smaller magnitude.
    private static double MinMod(double a, double b) => a * b <= 0 ? 0 : Math.Sign(a) * Math.Min(Math.Abs(a), Math.Abs(b));

    // Textbook van Leer: the harmonic mean 2ab/(a+b) when ab > 0, else 0.
    private static double VanLeer(double a, double b) => a * b <= 0 ? 0 : 2 * a * b / (a + b);

    public static TheoryData<double, double> Pairs() => new()
    {
        { 1, 2 }, { 2, 1 }, { -1, -3 }, { -3, -1 }, { 0.5, 0.5 }, { -2, -2 }, { 1, -1 }, { -1, 2 },
        { 0, 1 }, { 1, 0 }, { 0, 0 }, { 0, -1 }, { 1e-300, 1e-300 }, { 3, 1e-9 },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Limiters_equal_the_textbook_formulas(double du, double dc)
    {
        Assert.Equal(MinMod(du, dc), SlopeLimiters.Slope(SlopeLimiter.MinMod, du, dc), 15);
        Assert.Equal(VanLeer(du, dc), SlopeLimiters.Slope(SlopeLimiter.VanLeer, du, dc), 15);
        Assert.Equal(0.0, SlopeLimiters.Slope(SlopeLimiter.None, du, dc));
        // The documented range: δ between 0 and Δc (face value between ρ_K and ρ_L) for every limiter.
        foreach (var l in Enum.GetValues<SlopeLimiter>())
        {
            double d = SlopeLimiters.Slope(l, du, dc);
            Assert.True(double.IsFinite(d), $"{l}({du}, {dc}) = {d}");
            Assert.True(d * dc >= 0 && Math.Abs(d) <= 2 * Math.Abs(dc), $"{l}({du}, {dc}) = {d}");
        }
    }

    [Fact]
    public void Names_parse_and_print_back()
    {
        Assert.Equal(["none", "minmod", "vanleer"], SlopeLimiters.Names);
        foreach (var l in Enum.GetValues<SlopeLimiter>())
        {
            string name = SlopeLimiters.Name(l);
            Assert.False(string.IsNullOrEmpty(name));
            Assert.Equal(l, SlopeLimiters.Parse(name));
        }
        Assert.Equal(SlopeLimiter.None, SlopeLimiters.Parse("none"));
        Assert.Equal(SlopeLimiter.MinMod, SlopeLimiters.Parse("minmod"));
        Assert.Equal(SlopeLimiter.VanLeer, SlopeLimiters.Parse("vanleer"));
    }

    [Fact]
    public void An_unknown_name_is_named_in_the_error_with_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => SlopeLimiters.Parse("superbee"));
        Assert.Contains("'superbee'", ex.Message);
        Assert.Contains("none, minmod, vanleer", ex.Message);
        Assert.Throws<ArgumentException>(() => SlopeLimiters.Parse(""));
    }
}

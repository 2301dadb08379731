using SphereFlow.IO;
using SphereFlow.Validation.Sweeps;

namespace SphereFlow.Tests.Validation;

/// <summary><c>--vary key=…</c>: lists, integer ranges, steps, and one-line errors.</summary>
public class SweepVariableTests
{
    [Fact]
    public void Lists_and_ranges_expand_in_order()
    {
        var v = SweepVariable.Parse("solver.m=1..4,10,20..30:5");
        Assert.Equal("solver.m", v.Key);
        Assert.Equal(["1", "2", "3", "4", "10", "20", "25", "30"], v.Values);
        Assert.Equal(["rk4", "euler"], SweepVariable.Parse("solver.stepper=rk4, euler").Values);
        Assert.Equal(["-2", "-1", "0"], SweepVariable.Parse("problem.lambda=-2..0").Values);
    }

    [Theory]
    [InlineData("solver.m", "expected key=v1,v2")]
    [InlineData("=1,2", "expected key=v1,v2")]
    [InlineData("solver..m=1", "empty key segment")]
    [InlineData("solver.m=1,,2", "empty value")]
    [InlineData("solver.m=5..1", "the range is empty")]
    [InlineData("solver.m=1..x", "is not a range")]
    [InlineData("solver.m=1..9:0", "the step must be an integer ≥ 1")]
    [InlineData("solver.m=1,1", "values must be distinct")]
    [InlineData("solver.m=0..2000000", "more than 100000 values")]
    public void Bad_text_is_one_input_error(string text, string message)
    {
        var e = Assert.Throws<InputException>(() => SweepVariable.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}

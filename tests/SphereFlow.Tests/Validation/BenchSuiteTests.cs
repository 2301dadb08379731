using SphereFlow.Validation.Bench;

namespace SphereFlow.Tests.Validation;

/// <summary>
/// Every registered bench case runs in quick mode and reports finite measurements, non-negative except fitted exponents
/// (unit "exponent": a cost exponent fitted to quick, noisy timings can have either sign). No timing assertions.
/// </summary>
public class BenchSuiteTests
{
    public static TheoryData<string> Names() => [.. BenchSuite.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Bench_case_runs_quick_and_reports_finite_non_negative_values(string name)
    {
        var c = BenchSuite.All.Single(x => x.Name == name);
        var measurements = c.Run(quick: true);
        Assert.NotEmpty(measurements);
        Assert.All(measurements, x => Assert.True(double.IsFinite(x.Value) && (x.Value >= 0 || x.Unit == "exponent"), $"{x.Name}: {x.Value} {x.Unit}"));
    }
}

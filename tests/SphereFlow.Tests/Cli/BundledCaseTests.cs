using SphereFlow.Cases;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>The bundled figure-2 case runs as shipped and reaches the paper's qualitative result.</summary>
public class BundledCaseTests(ITestOutputHelper output)
{
    [Fact]
    public void Teacher2d_particles_energy_falls_by_two_orders_of_magnitude_by_t_50()
    {
        string path = BundledCases.Path("teacher2d-particles.yaml");
        var c = CaseReader.Load(path);
        Assert.Equal(50.0, c.Options.TEnd);
        Assert.Equal(1000, c.Solver.Current.Count);
        var result = CaseRunner.Run(c, CliRunner.TempDir());
        Assert.Null(result.Diverged);
        var series = result.Simulation.Series;
        double f0 = series[0].Diagnostics.Energy, f = series[^1].Diagnostics.Energy;
        output.WriteLine($"F(0) = {f0:E6}, F(50) = {f:E6}, ratio {f0 / f:F1}");
        Assert.True(f <= f0 / 100, $"F fell only by a factor {f0 / f}");
        for (int i = 1; i < series.Count; i++)
            Assert.True(series[i].Diagnostics.Energy <= series[i - 1].Diagnostics.Energy, $"energy rose at row {i}");
    }
}

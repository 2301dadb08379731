using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// Convergence under refinement to the exact characteristic solution of the WFR flow with a prescribed linear J
/// (L¹ error of densities at t = T); observed orders are asserted with honest bounds.
/// </summary>
public class MeshConvergenceTests(ITestOutputHelper output)
{
    private const double Lambda = 0.25, Alpha = 4, Beta = 1, T = 0.5;

    private static double Rho0(ReadOnlySpan<double> eta)
    {
        // A smooth positive density, not symmetric about the flow axis.
        double v = 0.6 * eta[0] - 0.3 * eta[1];
        for (int c = 2; c < eta.Length; c++) v += 0.2 * eta[c];
        return 1 + 0.5 * Math.Sin(2 * v + 0.3);
    }

    private static double Error(SphereMesh mesh, double[] c, string stepper, SlopeLimiter limiter)
    {
        var exact = new LinearPotentialExact(c, Lambda, Alpha, Beta, Rho0);
        var solver = new MeshSolver(new LinearPotential(c, Lambda), new FlowSpec(FlowKind.Wfr, Alpha, Beta), mesh,
                                    MeshInitialDensities.FromDensity(mesh, Rho0), MeshSteppers.Create(stepper),
                                    new MeshSolverOptions { Limiter = limiter });
        FvTestSupport.RunTo(solver, T);
        return exact.L1Error(mesh, solver.Masses, T);
    }

    private double Order(Func<int, SphereMesh> meshes, int[] levels, double[] c, string stepper, SlopeLimiter limiter)
    {
        var h = new List<double>();
        var e = new List<double>();
        foreach (var l in levels)
        {
            var mesh = meshes(l);
            h.Add(Math.Pow(mesh.TotalMeasure / mesh.CellCount, 1.0 / mesh.SphereDim));
            e.Add(Error(mesh, c, stepper, limiter));
            output.WriteLine($"{mesh.Kind} S^{mesh.SphereDim} cells {mesh.CellCount,8}  {stepper,-7} {SlopeLimiters.Name(limiter),-8} L1 error {e[^1]:E3}");
        }
        double p = FvTestSupport.Slope(h, e);
        output.WriteLine($"observed order {p:F2}");
        return p;
    }

    private static readonly double[] C1 = [0.6, -0.8];

    [Theory]
    [InlineData("lie")]
    [InlineData("strang")]
    [InlineData("ssprk3")]
    public void Upwind_converges_at_first_order_on_the_circle(string stepper)
    {
        double p = Order(n => UniformCircleMesh.Create(n), [100, 200, 400, 800], C1, stepper, SlopeLimiter.None);
        Assert.InRange(p, 0.85, 1.2);
    }

    [Theory]
    [InlineData(SlopeLimiter.MinMod)]
    [InlineData(SlopeLimiter.VanLeer)]
    public void Limited_reconstruction_with_strang_converges_faster_than_first_order_on_the_circle(SlopeLimiter limiter)
    {
        double p = Order(n => UniformCircleMesh.Create(n), [100, 200, 400, 800], C1, "strang", limiter);
        Assert.InRange(p, 1.5, 2.3);
    }
}

using SphereFlow.Diagnostics;
using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Validation.Comparison;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// The refinement study of <c>compare</c> against a solution known exactly: the WFR flow with a prescribed linear J on S^1
/// (characteristics), limited MUSCL + Strang (second order), 100/200/400 arcs to t = 0.5. The Richardson estimate of the
/// finest level's MMD error, made only from the three levels, is compared with its true MMD distance to the exact solution
/// (measured: differences 7.1e-4, 1.7e-4, observed order 2.08, estimate 5.61e-5 against the true 5.46e-5).
/// </summary>
public class RefinementEstimateTests(ITestOutputHelper output)
{
    private const double Lambda = 0.25, Alpha = 4, Beta = 1, T = 0.5, Kappa = 10;
    private static readonly double[] C = [0.6, -0.8];

    private static double Rho0(ReadOnlySpan<double> eta) => 1 + 0.5 * Math.Sin(2 * (0.6 * eta[0] - 0.3 * eta[1]) + 0.3);

    private static MeshSnapshot Solve(int cells)
    {
        var mesh = UniformCircleMesh.Create(cells);
        var solver = new MeshSolver(new LinearPotential(C, Lambda), new FlowSpec(FlowKind.Wfr, Alpha, Beta), mesh,
                                    MeshInitialDensities.FromDensity(mesh, Rho0), MeshSteppers.Create("strang"),
                                    new MeshSolverOptions { Limiter = SlopeLimiter.VanLeer });
        FvTestSupport.RunTo(solver, T);
        var nu = solver.Current.Clone();
        return new MeshSnapshot(T, 0, nu.TotalMass, null, nu, KernelDiscrepancy.CrossSum(nu, nu, Kappa));
    }

    [Fact]
    public void The_richardson_estimate_of_the_finest_levels_mmd_error_is_within_a_factor_two_of_the_true_error()
    {
        var levels = new[] { 100, 200, 400 }.Select(n => new MeshLevel($"{n} arcs", n, 0, 0, 0, [Solve(n)])).ToList();
        var rows = MeshRefinement.Rows(levels, ["mmd"], (a, b, _) => (KernelDiscrepancy.Distance(a.Measure, b.Measure, Kappa), 0.0), maxOrder: 2);
        var estimate = Assert.Single(rows).Estimate;
        // The exact solution by the midpoint rule on 40,000 arcs (its own MMD error is O(h²) with h 100 times smaller).
        var fine = UniformCircleMesh.Create(40_000);
        var exact = new LinearPotentialExact(C, Lambda, Alpha, Beta, Rho0);
        var truth = new Measure(2, fine.CellCount);
        for (int k = 0; k < fine.CellCount; k++)
        {
            fine.Center(k).CopyTo(truth.Point(k));
            truth.Mass[k] = exact.Density(fine.Center(k), T) * fine.CellMeasures[k];
        }
        double trueError = KernelDiscrepancy.Distance(levels[^1].Snapshots[0].Measure, truth, Kappa);
        output.WriteLine($"differences {string.Join(", ", rows[0].Differences.Select(d => d.ToString("E3")))}, observed order {estimate.Order:F2}, " +
                         $"estimate {estimate.Error:E3}, true error {trueError:E3}");
        Assert.InRange(estimate.Order, 1.5, 2.5);
        Assert.InRange(estimate.Error / trueError, 0.5, 2.0);
    }

    [Theory]
    [InlineData(2048, 2, 512)]
    [InlineData(66, 1, 33)]
    public void Coarser_meshes_halve_the_arcs_or_drop_a_level(int cells, int steps, int expected)
    {
        Assert.Equal(expected, MeshRefinement.Coarser(new MeshSpec("uniform", Cells: cells), steps).Cells);
        Assert.Equal(3, MeshRefinement.Coarser(new MeshSpec("icosahedral", Level: 5), 2).Level);
        Assert.Throws<ArgumentException>(() => MeshRefinement.Coarser(new MeshSpec("uniform", Cells: 66), 2));
        Assert.Throws<ArgumentException>(() => MeshRefinement.Coarser(new MeshSpec("icosahedral", Level: 1), 2));
    }
}

using SphereFlow.Cases;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Reference;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// The bundled S^1 deconvolution case: WFR particles reach the convex optimum computed independently on a fine mesh
/// (fv branch's <see cref="ConvexReference"/>), compared cluster by cluster.
/// </summary>
public class DeconvolutionParticleTests(ITestOutputHelper output)
{
    private static string CasePath() =>
        TestSupport.BundledCases.Path("deconv-s1-particles.yaml");

    private static double Wrap(double a) => Math.IEEERemainder(a, 2 * Math.PI);

    /// <summary>Clusters of the optimum: maximal runs of consecutive cells with mass, as (mass, mass-weighted mean angle).</summary>
    private static List<(double Mass, double Angle)> OptimumClusters(SphereMesh mesh, double[] mass, double floor)
    {
        int n = mass.Length;
        int start = Enumerable.Range(0, n).First(k => mass[k] <= floor);   // begin the sweep in a gap (wrap-around)
        var clusters = new List<(double, double)>();
        double w = 0, s = 0, anchor = 0;
        for (int q = 1; q <= n; q++)
        {
            int k = (start + q) % n;
            if (mass[k] > floor)
            {
                double a = Sphere.CircleAngle(mesh.Center(k));
                if (w == 0) anchor = a;
                w += mass[k]; s += mass[k] * Wrap(a - anchor);
            }
            else if (w > 0) { clusters.Add((w, anchor + s / w)); w = 0; s = 0; }
        }
        if (w > 0) clusters.Add((w, anchor + s / w));
        return clusters;
    }

    [Fact]
    public void Wfr_particles_reach_the_convex_optimum_of_the_fine_mesh_in_positions_weights_energy_and_certificate()
    {
        var c = CaseReader.Load(CasePath());
        var result = CaseRunner.Run(c, Path.Combine(Path.GetTempPath(), "sphereflow-deconv-particles-" + Environment.ProcessId));
        Assert.Null(result.Diverged);
        var nu = c.Solver.Current;
        var objective = c.Problem.SampleObjective;
        double fp = objective.Linearize(nu).Energy;

        var mesh = UniformCircleMesh.Create(8192);
        var reference = ConvexReference.Solve(objective, mesh);
        Assert.True(reference.Converged, $"reference gap {reference.Gap} ({reference.GapKind})");
        var clusters = OptimumClusters(mesh, reference.Masses, 1e-12);
        output.WriteLine($"fine-mesh optimum (8192 arcs): F* = {reference.Energy:R}, gap {reference.Gap:E2}, {clusters.Count} clusters");
        output.WriteLine($"particles at t = {c.Solver.Time}: F = {fp:R}, relative difference {(fp - reference.Energy) / reference.Energy:E3}, steps {c.Solver.Steps}");
        Assert.Equal(c.Problem.Spikes!.Weights.Length, clusters.Count);

        double worstPos = 0, worstMass = 0, assigned = 0;
        foreach (var (w, a) in clusters)
        {
            double pw = 0, ps = 0;
            for (int j = 0; j < nu.Count; j++)
            {
                double d = Wrap(Sphere.CircleAngle(nu.Point(j)) - a);
                if (Math.Abs(d) > 0.3) continue;
                pw += nu.Mass[j]; ps += nu.Mass[j] * d;
            }
            double pos = Math.Abs(ps / pw), dm = Math.Abs(pw - w);
            assigned += pw;
            output.WriteLine($"  spike at {a:F6} rad, weight {w:F6}: particle cluster weight {pw:F6} (error {dm:E2}), position error {pos:E2}");
            worstPos = Math.Max(worstPos, pos); worstMass = Math.Max(worstMass, dm);
        }
        double stray = nu.TotalMass - assigned;
        var probes = new double[2 * 100_000];
        for (int i = 0; i < 100_000; i++) { probes[2 * i] = Math.Cos(2 * Math.PI * i / 100_000); probes[2 * i + 1] = Math.Sin(2 * Math.PI * i / 100_000); }
        var jv = new double[100_000];
        objective.Linearize(nu).Evaluate(probes, jv, Span<double>.Empty);
        double minJ = jv.Min();
        output.WriteLine($"stray particle mass {stray:E2}; min J over 100000 angles {minJ:E3}");
        Assert.True(worstPos < 1e-3, $"position error {worstPos}");
        Assert.True(worstMass < 1e-3, $"weight error {worstMass}");
        Assert.True(Math.Abs(fp - reference.Energy) <= 1e-6 * reference.Energy, $"F {fp} vs F* {reference.Energy}");
        Assert.True(minJ >= -1e-6, $"min J = {minJ}");
    }
}

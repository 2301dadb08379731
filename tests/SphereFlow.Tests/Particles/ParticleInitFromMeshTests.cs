using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Tests.Particles;

/// <summary>
/// <c>solver.init.kind: from-mesh</c>: particles sampled from the initial density of a mesh case, so that the particle and
/// the mesh solver start from the same ν₀ (DESIGN.md §3).
/// </summary>
public class ParticleInitFromMeshTests
{
    private const string Problem = """
        problem:
          features: relu
          loss: square
          data: { kind: teacher, k: 2, m0: 4, seed: 1, sampling: quadrature, n: 90 }
        flow: { kind: wfr, alpha: 4, beta: 1 }
        """;

    private const string Density = "{ kind: vonmises, centers: [[0, 0, 1], [1, 0, 0]], weights: [0.7, 0.5], kappa: 6 }";

    private static SimulationCase Load(string yaml)
    {
        string dir = Directory.CreateTempSubdirectory("sphereflow-frommesh-").FullName;
        string path = Path.Combine(dir, "case.yaml");
        File.WriteAllText(path, yaml);
        return CaseReader.Load(path);
    }

    private static Measure MeshStart() => Load(Problem + $$"""

        solver:
          kind: mesh
          mesh: { kind: icosahedral, level: 3 }
          init: {{Density}}
          dt: 0.01
          t_end: 0
        """).Solver.Current;

    private static Measure ParticleStart(int m, string placement, int seed) => Load(Problem + $$"""

        solver:
          kind: particles
          m: {{m}}
          init: { kind: from-mesh, mesh: { kind: icosahedral, level: 3 }, density: {{Density}}, placement: {{placement}}, seed: {{seed}} }
          dt: 0.01
          t_end: 0
        """).Solver.Current;

    [Theory]
    [InlineData("center")]
    [InlineData("jitter")]
    public void Particles_carry_the_mesh_mass_and_match_its_first_moment_within_monte_carlo_error(string placement)
    {
        var mesh = MeshStart();
        const int m = 20_000;
        var nu = ParticleStart(m, placement, 3);
        Assert.Equal(m, nu.Count);
        Assert.Equal(mesh.TotalMass, nu.TotalMass, 12);
        // ∫η dν of the particles is an m-sample mean of the mesh measure's: compare coordinate by coordinate with 4 standard
        // errors (jitter adds a within-cell spread of order h ≈ 0.1 and a curvature bias of order h²/6 ≈ 2e-3 relative,
        // both well inside that budget at this m).
        double total = mesh.TotalMass;
        for (int c = 0; c < 3; c++)
        {
            double mean = 0, second = 0;
            for (int k = 0; k < mesh.Count; k++) { double v = mesh.Point(k)[c]; mean += mesh.Mass[k] * v / total; second += mesh.Mass[k] * v * v / total; }
            double se = Math.Sqrt((second - mean * mean) / m);
            double sample = 0;
            for (int j = 0; j < m; j++) sample += nu.Point(j)[c];
            sample /= m;
            Assert.True(Math.Abs(sample - mean) <= 4 * se,
                        $"coordinate {c}: particles {sample:G6}, mesh {mean:G6}, se {se:G3}");
        }
    }

    [Fact]
    public void Center_placement_puts_every_particle_on_a_cell_centre_of_the_mesh_case()
    {
        var mesh = MeshStart();
        var centres = new HashSet<(double, double, double)>();
        for (int k = 0; k < mesh.Count; k++) centres.Add((mesh.Point(k)[0], mesh.Point(k)[1], mesh.Point(k)[2]));
        var nu = ParticleStart(500, "center", 9);
        for (int j = 0; j < nu.Count; j++) Assert.Contains((nu.Point(j)[0], nu.Point(j)[1], nu.Point(j)[2]), centres);
    }

    [Fact]
    public void The_same_seed_gives_the_same_particles_and_another_seed_different_ones()
    {
        var a = ParticleStart(300, "jitter", 4);
        var b = ParticleStart(300, "jitter", 4);
        var c = ParticleStart(300, "jitter", 5);
        Assert.True(a.Points.AsSpan().SequenceEqual(b.Points));
        Assert.False(a.Points.AsSpan().SequenceEqual(c.Points));
    }

    [Theory]
    [InlineData("mesh: { kind: icosahedral, level: 2 }, density: { kind: bogus }", "solver.init.density.kind")]
    [InlineData("mesh: { kind: icosahedral, level: 2 }, density: { kind: uniform }, extra: 1", "solver.init.extra")]
    [InlineData("mesh: { kind: icosahedral, level: 2, size: 3 }, density: { kind: uniform }", "solver.init.mesh.size")]
    [InlineData("mesh: { kind: icosahedral, level: 2 }, density: { kind: uniform }, placement: middle", "solver.init.placement")]
    [InlineData("mesh: { kind: icosahedral, level: 2 }, density: { kind: uniform, mass: -1 }", "solver.init.density.mass")]
    public void Bad_from_mesh_keys_are_named(string keys, string named)
    {
        var e = Assert.Throws<InputException>(() => Load(Problem + $$"""

            solver:
              kind: particles
              m: 10
              init: { kind: from-mesh, {{keys}} }
              dt: 0.01
              t_end: 0
            """));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}

using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Meshes;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Case-file reading of the mesh solver and the initial densities.</summary>
public class MeshSolverCaseTests
{
    private const string Problem = "features: dirichlet\ncutoff: 4\nlambda: 0.01\ndata: {kind: deconvolution, sphere: 1, spikes: [0.5, 2.0], weights: [1, 0.7], n: 32}";

    private static MeshSolver Build(string solverYaml)
    {
        var solver = CaseYaml.Parse("case.yaml", solverYaml);
        solver["kind"] = "mesh";
        solver["dt"] = "0.05";
        solver["t_end"] = "1";
        var tree = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["problem"] = CaseYaml.Parse("case.yaml", Problem),
            ["flow"] = CaseYaml.Parse("case.yaml", "{kind: wfr, alpha: 4, beta: 1}"),
            ["solver"] = solver,
        };
        return (MeshSolver)CaseReader.FromTree("case.yaml", tree).Solver;
    }

    [Fact]
    public void Reads_mesh_stepper_order_and_init()
    {
        var s = Build("mesh: {kind: uniform, cells: 64}\nstepper: ssprk3\norder: 2\nlimiter: minmod\ncfl: 0.5\ninit: {kind: uniform, mass: 2}");
        Assert.Equal(64, s.Mesh.CellCount);
        Assert.Equal("ssprk3", s.Stepper);
        Assert.Equal(SlopeLimiter.MinMod, s.Options.Limiter);
        Assert.Equal(0.5, s.Options.CflSafety);
        Assert.Equal(2.0, s.Current.TotalMass, 1e-13);
    }

    [Theory]
    [InlineData("mesh: {kind: uniform, cells: 64, colour: red}", "solver.mesh.colour")]
    [InlineData("mesh: {kind: uniform, cells: 64}\ninit: {kind: uniform, mas: 1}", "solver.init.mas")]
    [InlineData("mesh: {kind: uniform, cells: 64}\nlimiter: minmod", "solver.limiter")]
    [InlineData("mesh: {kind: uniform, cells: 64}\nstepper: rk4", "solver.stepper")]
    [InlineData("mesh: {kind: uniform, cells: 64}\ncfl: 1.5", "solver.cfl")]
    [InlineData("mesh: {kind: uniform, cells: 64}\ninit: {kind: vonmises, kappa: 5}", "solver.init.centers")]
    [InlineData("mesh: {kind: uniform, cells: 64}\ninit: {kind: vonmises, centers: [[1, 0, 0]]}", "solver.init.centers")]
    public void Bad_input_names_the_key(string yaml, string key)
    {
        var e = Assert.Throws<InputException>(() => Build(yaml));
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Von_mises_and_particle_binning_preserve_the_requested_mass()
    {
        var s = Build("mesh: {kind: uniform, cells: 100}\ninit: {kind: vonmises, centers: [[1, 0], [0, -1]], weights: [0.3, 0.9], kappa: 20}");
        Assert.Equal(1.2, s.Current.TotalMass, 1e-13);
        var mesh = UniformCircleMesh.Create(50);
        var particles = ParticleInitialMeasures.Uniform(2, 1000, 3.0, 5);
        var m = MeshInitialDensities.FromParticles(mesh, particles);
        Assert.Equal(3.0, m.Sum(), 1e-12);
        var p = Build("mesh: {kind: uniform, cells: 50}\ninit: {kind: from-particles, m: 1000, seed: 5, mass: 3}");
        Assert.True(m.AsSpan().SequenceEqual(p.Masses), "case binning must reproduce the particle solver's ν₀");
    }

    [Fact]
    public void Csv_cell_masses_round_trip_and_errors_name_the_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sphereflow-fv-csv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var mesh = UniformCircleMesh.Create(12);
            var masses = Enumerable.Range(0, 12).Select(k => 0.1 * k + 1e-17).ToArray();
            string path = Path.Combine(dir, "m.csv");
            MeshInitialDensities.WriteCsv(path, masses);
            Assert.Equal(masses, MeshInitialDensities.FromCsv(mesh, path));
            File.WriteAllText(path, "cell,mass\n0,1\n1,-2\n" + string.Join("", Enumerable.Range(2, 10).Select(k => $"{k},1\n")));
            var e = Assert.Throws<InputException>(() => MeshInitialDensities.FromCsv(mesh, path));
            Assert.Contains("line 3", e.Message, StringComparison.Ordinal);
            File.WriteAllText(path, "cell,mass\n0,1\n");
            Assert.Throws<InputException>(() => MeshInitialDensities.FromCsv(mesh, path));
        }
        finally { Directory.Delete(dir, true); }
    }
}

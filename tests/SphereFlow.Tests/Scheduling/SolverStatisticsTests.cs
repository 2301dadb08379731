using System.Text.Json;
using SphereFlow.Cases;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Particles;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Scheduling;

/// <summary>Solvers report their counters through <see cref="Solvers.Stepping.ISolver.Statistics"/>, and they reach summary.json.</summary>
public class SolverStatisticsTests
{
    [Fact]
    public void Stochastic_birth_death_kills_and_clones_reach_the_summary()
    {
        var c = CaseReader.Load(BundledCases.Path("teacher2d-particles.yaml"),
            ["flow.kind=birth-death", "solver.birth_death=stochastic", "solver.seed=3", "solver.m=80", "solver.t_end=3", "solver.init.mass=7"]);
        string dir = CliRunner.TempDir();
        var r = CaseRunner.Run(c, dir);
        Assert.Null(r.Diverged);
        var bd = (BirthDeathParticleSolver)c.Solver;
        Assert.True(bd.Killed > 0 && bd.Cloned > 0, $"{bd.Killed} killed, {bd.Cloned} cloned");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal(bd.Killed, summary.RootElement.GetProperty("killed").GetInt64());
        Assert.Equal(bd.Cloned, summary.RootElement.GetProperty("cloned").GetInt64());
        Assert.Equal(c.Solver.Clock.Evaluations, summary.RootElement.GetProperty("evaluations").GetInt64());
    }

    [Fact]
    public void Mesh_unresolved_energy_rises_reach_the_summary()
    {
        // One allowed halving and dt far past the energy-stability limit: some steps still raise F and are counted.
        var c = CaseReader.Load(BundledCases.Path("deconv-s1-mesh.yaml"), ["solver.t_end=1", "solver.dt=0.5", "solver.cfl=1"]);
        var mesh = (MeshSolver)c.Solver;
        string dir = CliRunner.TempDir();
        CaseRunner.Run(c, dir);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal(mesh.UnresolvedEnergyRises, summary.RootElement.GetProperty("unresolved_energy_rises").GetInt64());
        Assert.Equal(c.Solver.Clock.Rejections, summary.RootElement.GetProperty("rejections").GetInt64());
        Assert.True(c.Solver.Clock.Rejections > 0, "the energy test rejected steps");
    }
}

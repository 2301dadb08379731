using SphereFlow.Cases;
using SphereFlow.Plots;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Output;

/// <summary>The paper's figure-2 trajectories: bounded memory on long runs, the first and last times kept, and a run's trajectories.png.</summary>
public class TrajectoryTests
{
    [Fact]
    public void The_recorder_keeps_at_most_512_time_points_from_the_start_to_the_end()
    {
        var c = CaseReader.Load(BundledCases.Path("teacher2d-particles.yaml"), ["solver.m=20", "solver.t_end=60", "solver.dt=0.05", "output.bound_cells=0", "output.probes=16"]);
        var sim = c.CreateSimulation().Simulation;
        var paths = sim.Add(new ParticleTrajectories(), new AnyOf(IterationInterval.EveryStep, AtEnd.Instance));
        sim.Run();
        var times = paths.Times;
        Assert.InRange(times.Count, ParticleTrajectories.MaxPoints / 2, ParticleTrajectories.MaxPoints + 1); // 1201 firings thinned
        Assert.Equal(0.0, times[0]);
        Assert.Equal(60.0, times[^1], 1e-9);
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First), "times increase");
        Assert.NotNull(paths.Plot(c.Problem.Teacher, "paths"));
    }

    [Fact]
    public void A_relu_k2_particle_run_draws_trajectories_png()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run(dir, "run", BundledCases.Path("teacher2d-particles.yaml"), "--out", Path.Combine(dir, "o"), "--quiet",
                              "--set", "solver.m=100", "--set", "solver.t_end=2", "--set", "output.bound_cells=0");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var png = File.ReadAllBytes(Path.Combine(dir, "o", "plots", "trajectories.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.True(png.Length > 20_000, $"{png.Length} bytes: an empty picture?");
    }
}

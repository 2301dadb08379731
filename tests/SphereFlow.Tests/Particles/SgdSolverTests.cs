using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Losses;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Tests.Particles;

/// <summary>Online SGD on the weights with fresh Gaussian mini-batches.</summary>
public class SgdSolverTests(ITestOutputHelper output)
{
    private static SgdSolver Make(int k, int seed)
    {
        var teacher = TeacherNetwork.Random(k, 3, 11);
        var population = new GaussianPopulationObjective(teacher, 0);
        var start = ParticleInitialMeasures.Uniform(k + 1, 30, 1.0, 2);
        return new SgdSolver(population, FlowSpec.Lifted, start, teacher, new ReluFeatures(k), new SquareLoss(), 0, batch: 100, seed: seed);
    }

    [Fact]
    public void Sgd_tracks_the_population_w_flow_and_drives_the_population_risk_down()
    {
        const int k = 5;
        var sgd = Make(k, 3);
        var population = (GaussianPopulationObjective)sgd.Objective;
        var wflow = new WeightSolver(population, FlowSpec.Lifted, ParticleInitialMeasures.Uniform(k + 1, 30, 1.0, 2), "euler");
        double r0 = population.Risk(sgd.Current);
        for (int s = 0; s < 2000; s++) { sgd.Advance(0.01); wflow.Advance(0.01); }
        double rs = population.Risk(sgd.Current), rw = population.Risk(wflow.Current);
        output.WriteLine($"k = {k}, 2000 iterations at γ = 0.01: population risk {r0:E3} -> SGD {rs:E3}, full-gradient descent {rw:E3}");
        Assert.True(rs < 0.05 * r0, $"risk {rs} from {r0}");
        Assert.True(Math.Abs(rs - rw) < 0.5 * Math.Max(rw, 1e-3), "SGD stays near the population gradient descent");
    }

    [Fact]
    public void Sgd_resumes_bit_for_bit_including_the_batch_generator()
    {
        var a = Make(4, 9);
        for (int s = 0; s < 20; s++) a.Advance(0.01);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) a.WriteState(w);
        for (int s = 0; s < 20; s++) a.Advance(0.01);
        var b = Make(4, 1234);
        buffer.Position = 0;
        using (var r = new BinaryReader(buffer)) b.ReadState(r);
        for (int s = 0; s < 20; s++) b.Advance(0.01);
        Assert.True(a.Weights.SequenceEqual(b.Weights));
    }

    [Fact]
    public void Bundled_k100_sgd_case_loads_and_its_energy_is_the_closed_form_population_risk()
    {
        string path = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../validation/cases/teacher-k100-sgd.yaml"));
        var c = SimulationCase.Load(path, ["solver.t_end=0.5"]);
        Assert.IsType<SgdSolver>(c.Solver);
        Assert.IsType<GaussianPopulationObjective>(c.Solver.Objective);
        var sim = new Simulation(c.Solver, c.Options);
        sim.Run();
        Assert.Equal(100, c.Solver.Steps);
        Assert.True(sim.Series[^1].Diagnostics.Energy < sim.Series[0].Diagnostics.Energy);
    }
}

using SphereFlow.Flows;
using SphereFlow.Meshes;
using SphereFlow.Problems;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Results do not depend on the number of threads (fixed chunks, per-cell sums in CSR order, no atomics).</summary>
public class MeshDeterminismTests
{
    private static double[] Run(string stepper, SlopeLimiter limiter)
    {
        var problem = new ProblemSpec
        {
            Features = "dirichlet", Cutoff = 4, Lambda = 0.01,
            Data = new DeconvolutionDataSpec { Spikes = [[0.5], [2.0], [4.0]], Weights = [1, 0.7, 1.2], N = 64 },
        }.Build();
        var mesh = UniformCircleMesh.Create(9000);     // several 2048-cell chunks
        var solver = new MeshSolver(problem.SampleObjective, new FlowSpec(FlowKind.BirthDeath, 4, 1), mesh,
                                    MeshInitialDensities.VonMises(mesh, [1, 0, 0, 1], 3, [0.5, 0.5]), MeshSteppers.Create(stepper),
                                    new MeshSolverOptions { Limiter = limiter });
        for (int s = 0; s < 4; s++) solver.Advance(0.05);
        return solver.Masses.ToArray();
    }

    [Theory]
    [InlineData("strang", SlopeLimiter.None)]
    [InlineData("ssprk3", SlopeLimiter.VanLeer)]
    public async Task One_thread_and_many_threads_give_identical_bits(string stepper, SlopeLimiter limiter)
    {
        var parallel = Run(stepper, limiter);
        // Parallel.For schedules on TaskScheduler.Current: an exclusive scheduler forces a single thread.
        var single = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 1).ExclusiveScheduler;
        var serial = await Task.Factory.StartNew(() => Run(stepper, limiter), CancellationToken.None, TaskCreationOptions.None, single);
        Assert.True(parallel.AsSpan().SequenceEqual(serial), "masses differ between thread counts");
    }
}

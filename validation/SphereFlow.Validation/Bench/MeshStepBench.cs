using System.Diagnostics;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Losses;
using SphereFlow.Meshes;
using SphereFlow.Numerics;
using SphereFlow.Objectives;
using SphereFlow.Data;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// Finite-volume time steps of the WFR flow on the icosahedral mesh with 2,048 teacher data points (k = 2, ReLU, square loss):
/// the default Strang step (J evaluations + transport + reaction + the energy test; consecutive steps of a run, so F(ν_n)
/// comes from the previous energy test) on levels 5–7 (targets: level 6 under 25 ms, level 7 under 500 MB allocated for mesh,
/// solver and steps together), every registered stepper on level 6, and the upwind transport operator alone: time per call,
/// bytes allocated per call, and its speed-up on all cores over one thread. Quick mode: levels 3–4.
/// </summary>
public sealed class MeshStepBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "mesh.step.icosahedral";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        var teacher = TeacherNetwork.Random(2, 4, 1);
        var data = teacher.AngularQuadrature(2048);
        var objective = new NetworkObjective(data, FeatureMaps.Create("relu", new FeatureOptions(2)), LossRegistry.Create("square"), 0);
        var results = new List<BenchMeasurement>();
        int[] levels = quick ? [3, 4] : [5, 6, 7];
        foreach (int level in levels)
        {
            GC.Collect();
            long before = GC.GetTotalAllocatedBytes(true);
            var mesh = MeshKinds.Create("icosahedral", 2, level);
            var init = MeshInitialDensities.Uniform(mesh, 1.0);
            var solver = new MeshSolver(objective, FlowSpec.Lifted, mesh, init, MeshSteppers.Create(MeshSteppers.Default));
            int evaluations = 0;
            double step = BenchTimer.Best(() => evaluations = solver.Advance(0.05).Evaluations, quick ? 3 : 7);
            long allocated = GC.GetTotalAllocatedBytes(true) - before;
            string label = $"level {level} ({mesh.CellCount} cells), n = {data.Count}";
            results.Add(new($"{label}: {MeshSteppers.Default} step ({evaluations} J evaluations)", step * 1e3, "ms",
                            level == 6 && !quick ? 25 : double.NaN));
            results.Add(new($"{label}: mesh + solver + {(quick ? 4 : 8)} steps, allocated", allocated / 1e6, "MB", level == 7 && !quick ? 500 : double.NaN));

            var transport = solver.Discretization.Transport;
            var mass = solver.Masses.ToArray();
            var j = solver.CurrentJ.ToArray();
            var rate = new double[mesh.CellCount];
            double tAll = BenchTimer.BestFor(() => transport.Rate(mass, j, rate), quick ? 0.05 : 0.3);
            double tOne;
            using (ParallelRanges.LimitThreads(1)) tOne = BenchTimer.BestFor(() => transport.Rate(mass, j, rate), quick ? 0.05 : 0.3);
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < 10; r++) transport.Rate(mass, j, rate);
            double perCall = (GC.GetAllocatedBytesForCurrentThread() - a0) / 10.0;
            results.Add(new($"{label}: upwind transport rate, all cores", tAll * 1e3, "ms"));
            results.Add(new($"{label}: upwind transport, speed-up over one thread", tOne / tAll, "ratio"));
            results.Add(new($"{label}: upwind transport, bytes allocated per call (thread-pool hand-off only)", perCall, "B"));
        }
        results.Add(new("process peak working set", Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, "MB"));

        int six = quick ? 4 : 6;
        var mesh6 = MeshKinds.Create("icosahedral", 2, six);
        var init6 = MeshInitialDensities.Uniform(mesh6, 1.0);
        foreach (var name in MeshSteppers.Names)
        {
            var solver = new MeshSolver(objective, FlowSpec.Lifted, mesh6, init6, MeshSteppers.Create(name));
            int evaluations = 0;
            double best = BenchTimer.Best(() => evaluations = solver.Advance(0.05).Evaluations, quick ? 3 : 7);
            results.Add(new($"level {six}: {name} step, {evaluations} J evaluations", best * 1e3, "ms"));
        }
        return results;
    }
}

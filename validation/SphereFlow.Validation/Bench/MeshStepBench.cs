using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Losses;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Data;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// One full finite-volume time step (J evaluations at every centre + transport + reaction + the energy test) of the
/// WFR flow on the icosahedral level-6 mesh (40,962 cells) with 2,048 teacher data points (k = 2, ReLU), for each
/// registered mesh stepper (consecutive steps of a run, so F(ν_n) comes from the previous energy test); target 0.2 s
/// for the default (Strang) step. Quick mode: level 4.
/// </summary>
public sealed class MeshStepBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "mesh.step.icosahedral";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        int level = quick ? 4 : 6;
        var mesh = MeshKinds.Create("icosahedral", 2, level);
        var teacher = TeacherNetwork.Random(2, 4, 1);
        var data = teacher.AngularQuadrature(2048);
        var objective = new NetworkObjective(data, FeatureMaps.Create("relu", new FeatureOptions(2)), LossRegistry.Create("square"), 0);
        var init = MeshInitialDensities.Uniform(mesh, 1.0);
        var results = new List<BenchMeasurement>();
        foreach (var name in MeshSteppers.Names)
        {
            var solver = new MeshSolver(objective, FlowSpec.Lifted, mesh, init, MeshSteppers.Create(name));
            int evaluations = 0;
            // Consecutive steps of a run (steady state: F(ν_n) comes from the previous step's energy test).
            double best = BenchTimer.Best(() => evaluations = solver.Advance(0.05).Evaluations);
            results.Add(new BenchMeasurement($"{name} step, level {level} ({mesh.CellCount} cells), n = {data.Count}, {evaluations} J evaluations",
                                             best, "s", name == MeshSteppers.Default && !quick ? 0.2 : double.NaN));
        }
        return results;
    }
}

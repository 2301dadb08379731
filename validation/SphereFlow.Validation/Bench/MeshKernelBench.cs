using SphereFlow.Measures;
using SphereFlow.Meshes;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// One evaluation of h and J at every cell centre of the icosahedral mesh (levels 5–7; 3–4 when quick) for the figure-2
/// teacher with n = 2048 quadrature points (k = 2): the angular kernel against the pairwise per-atom kernels in the same run.
/// </summary>
public sealed class MeshKernelBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "mesh.kernels";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        var (fast, pairwise) = ParticleRhsBench.Objectives(2, 2048);
        var results = new List<BenchMeasurement>();
        foreach (int level in quick ? new[] { 3, 4 } : [5, 6, 7])
        {
            var mesh = MeshKinds.Create("icosahedral", 2, level);
            var cells = new Measure(3, [.. mesh.CellMeasures], mesh.Centers);
            var j = new double[mesh.CellCount];
            double tFast = BenchTimer.BestFor(() => fast.Linearize(cells).Evaluate(mesh.Centers, j, Span<double>.Empty), quick ? 0.1 : 0.5);
            double tPair = BenchTimer.BestFor(() => pairwise.Linearize(cells).Evaluate(mesh.Centers, j, Span<double>.Empty), quick ? 0.1 : 1.0);
            string label = $"level {level} ({mesh.CellCount} cells), n = 2048";
            results.Add(new($"{label}: h + J, angular kernel", tFast * 1e3, "ms", level == 6 && !quick ? 8 : double.NaN));
            results.Add(new($"{label}: h + J, pairwise kernels (reference)", tPair * 1e3, "ms"));
            results.Add(new($"{label}: speed-up", tPair / tFast, "ratio"));
        }
        return results;
    }
}

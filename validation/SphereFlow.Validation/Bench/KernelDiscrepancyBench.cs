using SphereFlow.Diagnostics;
using SphereFlow.Geometry;
using SphereFlow.Meshes;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// The MMD double sum of <c>sphereflow compare</c>: mesh measure (icosahedral level 4, 2,562 cells) against m particles,
/// as cost per kernel value, and the vectorised, chunk-parallel sum against a plain scalar double loop in the same run.
/// </summary>
public sealed class KernelDiscrepancyBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "compare.mmd";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        int m = quick ? 500 : 3000;
        var mesh = MeshKinds.Create("icosahedral", 2, 4);
        var cells = new Measures.Measure(3, [.. mesh.CellMeasures], (double[])mesh.Centers.Clone());
        var particles = ParticleInitialMeasures.Uniform(3, m, 1.0, 1);
        const double kappa = 10;
        double sink = 0;
        double fast = BenchTimer.Best(() => sink += KernelDiscrepancy.CrossSum(cells, particles, kappa), quick ? 2 : 3);
        double scalar = BenchTimer.Best(() =>
        {
            double s = 0;
            for (int a = 0; a < cells.Count; a++)
                for (int b = 0; b < m; b++)
                    s += cells.Mass[a] * particles.Mass[b] * Math.Exp(kappa * (Sphere.Dot(cells.Point(a), particles.Point(b)) - 1));
            sink += s;
        }, 1);
        GC.KeepAlive(sink);
        double pairs = (double)cells.Count * m;
        return
        [
            new($"MMD cross sum, {cells.Count} cells × {m} particles", fast, "s"),
            new("cost per kernel value (vectorised, parallel)", fast / pairs * 1e9, "ns"),
            new("scalar double loop / vectorised parallel sum", scalar / fast, "ratio"),
        ];
    }
}

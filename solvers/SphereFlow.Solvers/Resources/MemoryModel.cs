using SphereFlow.Meshes;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Solvers.Resources;

/// <summary>
/// The byte counts of the memory estimate, per kind of storage: the values a structure keeps per item (state, Runge–Kutta
/// stages, work arrays, kernel copies), times a factor for what the garbage collector has not yet returned and the array
/// pools keep (large arrays that die every step stay until a full collection). The constants were fitted to the peak memory
/// of real runs (process peak working set minus that of a tiny run, on Linux x64, 2 cores):
/// <list type="table">
/// <item><description>particles, relu k = 2, rk4: 785 B/atom (m = 2·10⁵) and 1053 B/atom (4·10⁵); adaptive 1527 B/atom (2·10⁵): model 1024 and 1408;</description></item>
/// <item><description>teacher Monte Carlo data, k = 200 and 400, n = 2·10⁴: 37.5 and 43 B per input value: model 40;</description></item>
/// <item><description>icosahedral level 6 (40,962 cells): 1490 B/cell (strang), 1900 (ssprk3, order 2); latlong level 6: 1180: model 1504;</description></item>
/// <item><description>a tiny run: 80 to 96 MB: model 90 MB.</description></item>
/// </list>
/// <c>tests/…/Cli/ResourceLimitTests</c> checks the estimate stays within a factor 2 of the measured peak for such runs.
/// </summary>
public static class MemoryModel
{
    /// <summary>Bytes of the .NET runtime, the compiled code and the plotting library, before any case data.</summary>
    public const double Runtime = 90e6;

    /// <summary>
    /// Data: inputs, targets and weights (k + 2 values a point), and the copies the feature kernels keep of the inputs
    /// (packed panels, the cached inputs of the blocked ReLU kernel, their transpose): 5k + 4 values a point.
    /// </summary>
    public static double Data(long n, int k) => 8.0 * n * (5.0 * k + 4);

    /// <summary>
    /// Particles in R^D integrated with <paramref name="stages"/> Runge–Kutta stages: the state (D + 1 values an atom), the
    /// stages, the stage point, trial and first-same-as-last copies, J and its gradient, the diagnostics' J and gradient and
    /// the kernels' packed atoms and pooled buffers: (D + 1)(4·stages + 16) values an atom.
    /// </summary>
    public static double Particles(long m, int ambientDim, int stages) => 8.0 * m * (ambientDim + 1) * (4 * stages + 16);

    /// <summary>The blocked ReLU kernel (k &gt; 2) keeps the products of its last prediction when they fit in 32 MB.</summary>
    public static double ReluProductCache(long m, long n, string features, int k) =>
        features is "relu" or "relu-bias" && k > 2 ? Math.Min(8.0 * m * n, 32 << 20) : 0;

    /// <summary>Runge–Kutta stages of a particle or weight stepper.</summary>
    public static int Stages(string stepper) => stepper switch { "euler" => 1, "rk4" => 4, "adaptive" => 7, _ => 7 };

    /// <summary>
    /// A mesh of <paramref name="cells"/> cells in R^D: centres, measures, per face (about 6 a cell on S^2) neighbour, length
    /// and distance both ways, the finite-volume face fluxes and velocities, masses, J and gradients, stepper stages and the
    /// build's temporaries: 140 + 16 D values a cell.
    /// </summary>
    public static double Mesh(double cells, int ambientDim) => 8.0 * cells * (140 + 16 * ambientDim);
    /// <summary>Cells of a mesh specification of S^<paramref name="sphereDim"/> (null for a kind this model does not know).</summary>
    public static double? Cells(MeshSpec mesh, int sphereDim)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (mesh.ByCells) return mesh.Cells ?? MeshSpec.DefaultCells;
        if (mesh.Level is not { } l) return null;
        return mesh.Kind switch
        {
            "uniform" => 8.0 * Math.Pow(2, l),
            "icosahedral" or "icosahedral-scvt" => 10.0 * Math.Pow(4, l) + 2,
            "latlong" => l <= LatLongMesh.MaxLevel ? LatLongMesh.CellCount(l) : null,
            "hyperspherical" => Math.Pow(4.0 * Math.Pow(2, l), sphereDim - 1) * 8.0 * Math.Pow(2, l),
            _ => null,
        };
    }

    /// <summary>Atoms of a particle initial measure with <paramref name="m"/> (null: a CSV's own row count).</summary>
    public static long Atoms(ParticleInitSpec init, int? m)
    {
        ArgumentNullException.ThrowIfNull(init);
        if (m is { } count) return count;
        return init is CsvParticleInit csv ? IO.CsvRows.Count(csv.Path) : 0;
    }

    /// <summary>The mesh a from-mesh initial measure builds (and drops) before the run: a term, or null.</summary>
    public static MemoryTerm? InitMesh(ParticleInitSpec init, int ambientDim)
    {
        if (init is not FromMeshParticleInit f || Cells(f.Mesh, ambientDim - 1) is not { } cells) return null;
        return new MemoryTerm($"initial mesh ({f.Mesh.Kind}, {cells:G4} cells)", "solver.init.mesh.level", Mesh(cells, ambientDim));
    }
}

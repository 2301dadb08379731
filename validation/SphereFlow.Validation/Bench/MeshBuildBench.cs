using SphereFlow.Meshes;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// Mesh construction: the icosahedral Voronoi grid at level 7 (163,842 cells; level 5 when quick) against the
/// targets of 5 s and 500 MB allocated, and the hyperspherical S^3 grid at level 4 (524,288 cells; level 2 when quick).
/// Each build is timed once (the first call, as a user running <c>sphereflow mesh</c> sees it).
/// </summary>
public sealed class MeshBuildBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "mesh.build";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        int ico = quick ? 5 : 7, hyp = quick ? 2 : 4;
        SphereMesh? mesh = null;
        var (icoSeconds, icoBytes) = BenchTimer.Once(() => mesh = IcosahedralMesh.Create(ico));
        int icoCells = mesh!.CellCount;
        var (hypSeconds, hypBytes) = BenchTimer.Once(() => mesh = HypersphericalMesh.Create(3, hyp));
        int hypCells = mesh!.CellCount;
        return
        [
            new($"icosahedral level {ico} build ({icoCells} cells)", icoSeconds, "s", 5),
            new($"icosahedral level {ico} allocated", icoBytes / 1e6, "MB", 500),
            new($"hyperspherical S^3 level {hyp} build ({hypCells} cells)", hypSeconds, "s"),
            new($"hyperspherical S^3 level {hyp} allocated", hypBytes / 1e6, "MB"),
        ];
    }
}

using SphereFlow.Registries;

namespace SphereFlow.Meshes;

/// <summary>One registered mesh kind.</summary>
/// <param name="Name">Registry name.</param>
/// <param name="Description">One line describing the cells.</param>
/// <param name="LevelMeaning">What the level means (resolution per level).</param>
/// <param name="MinSphereDim">Smallest sphere dimension d supported.</param>
/// <param name="MaxSphereDim">Largest sphere dimension d supported.</param>
/// <param name="IsVoronoi">True when cells are Voronoi regions of their centres (point location = nearest centre).</param>
/// <param name="MaxLevelFor">Largest level for a sphere dimension d (levels start at 0).</param>
/// <param name="Build">Builds the mesh for (d, level); arguments already validated.</param>
public sealed record MeshKind(string Name, string Description, string LevelMeaning, int MinSphereDim, int MaxSphereDim, bool IsVoronoi,
                              Func<int, int> MaxLevelFor, Func<int, int, SphereMesh> Build) : IRegistration
{
    /// <summary>True when the kind meshes S^<paramref name="sphereDim"/>.</summary>
    public bool Supports(int sphereDim) => sphereDim >= MinSphereDim && sphereDim <= MaxSphereDim && MaxLevelFor(sphereDim) >= 0;
}

/// <summary>
/// Registry of mesh kinds: tests "over all meshes" iterate it, and a new kind is one file plus one line in <see cref="All"/>.
/// <list type="bullet">
/// <item><c>uniform</c> (S^1): 8·2^L equal arcs.</item>
/// <item><c>icosahedral</c> (S^2): Voronoi cells of the level-L geodesic grid, 10·4^L + 2 cells, L = 0..8.</item>
/// <item><c>icosahedral-scvt</c> (S^2): the same after Lloyd relaxation toward a centroidal Voronoi tessellation, L = 0..8.</item>
/// <item><c>latlong</c> (S^2): 4·2^L colatitude bands × 8·2^L longitudes, polar caps, L = 0..8.</item>
/// <item><c>hyperspherical</c> (S^d, d ≥ 1): tensor grid with 4·2^L intervals per angle in [0, π] (8·2^L for the periodic angle); at most 2^23 cells and about 1 GiB, so d ≤ 9 (level 0 of S^9 has 524,288 cells).</item>
/// </list>
/// </summary>
public static class MeshKinds
{
    /// <summary>Lloyd iterations used by the registered <c>icosahedral-scvt</c> kind.</summary>
    public const int ScvtIterations = 50;

    /// <summary>All registered kinds, in report order.</summary>
    public static Registry<MeshKind> All { get; } = new("mesh kind",
    [
        new("uniform", "S^1 cut into equal arcs", "8·2^L arcs", 1, 1, true, _ => 20, (_, l) => UniformCircleMesh.Create(8 << l, l)),
        new("icosahedral", "S^2 Voronoi cells of the icosahedral geodesic grid", "10·4^L + 2 cells (L subdivisions of the icosahedron)", 2, 2, true,
            _ => IcosahedralMesh.MaxLevel, (_, l) => IcosahedralMesh.Create(l)),
        new("icosahedral-scvt", $"S^2 icosahedral Voronoi cells after {ScvtIterations} Lloyd (centroidal) iterations", "10·4^L + 2 cells", 2, 2, true,
            _ => IcosahedralMesh.MaxLevel, (_, l) => IcosahedralMesh.Create(l, ScvtIterations)),
        new("latlong", "S^2 latitude-longitude boxes with polar caps", "4·2^L colatitude bands × 8·2^L longitudes: 2 + (4·2^L − 2)·8·2^L cells", 2, 2, false,
            _ => LatLongMesh.MaxLevel, (_, l) => LatLongMesh.Create(l)),
        new("hyperspherical", "S^d coordinate boxes in hyperspherical angles", "4·2^L intervals per polar angle, 8·2^L for the periodic one: (4·2^L)^(d−1)·8·2^L cells", 1, int.MaxValue, false,
            HypersphericalMesh.MaxLevel, HypersphericalMesh.Create),
    ]);

    /// <summary>Largest d the kind meshes (at level 0).</summary>
    public static int MaxSupportedSphereDim(MeshKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        int d = kind.MinSphereDim;
        while (d < kind.MaxSphereDim && d < 64 && kind.Supports(d + 1)) d++;
        return d;
    }

    /// <summary>Registered kind names.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>The kind with this name; <see cref="ArgumentException"/> naming the known kinds otherwise.</summary>
    public static MeshKind Get(string kind) => All.Get(kind);

    /// <summary>True when <paramref name="kind"/> is registered and meshes S^<paramref name="sphereDim"/>.</summary>
    public static bool Supports(string kind, int sphereDim) => All.Any(k => k.Name == kind && k.Supports(sphereDim));

    /// <summary>Kinds that mesh S^<paramref name="sphereDim"/>.</summary>
    public static IEnumerable<MeshKind> ForSphereDim(int sphereDim) => All.Where(k => k.Supports(sphereDim));

    /// <summary>Builds a mesh of S^<paramref name="sphereDim"/> of the given kind and level; <see cref="ArgumentException"/> on an unknown kind, unsupported dimension or level out of range.</summary>
    public static SphereMesh Create(string kind, int sphereDim, int level)
    {
        var k = Get(kind);
        if (!k.Supports(sphereDim))
            throw new ArgumentException(k.MaxSphereDim == k.MinSphereDim
                ? $"mesh kind '{kind}' supports only d = {k.MinSphereDim}, not d = {sphereDim}"
                : $"mesh kind '{kind}' does not support d = {sphereDim} (supported: {k.MinSphereDim} ≤ d ≤ {MaxSupportedSphereDim(k)})");
        int max = k.MaxLevelFor(sphereDim);
        if (level < 0 || level > max) throw new ArgumentException($"mesh kind '{kind}' on S^{sphereDim}: level {level} out of range 0..{max}");
        return k.Build(sphereDim, level);
    }
}

using SphereFlow.Meshes;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// The mesh kinds the finite-volume solver can build for S^d: the <see cref="MeshKinds"/> registry (first kind
/// supporting d is the default: uniform arcs on S^1, icosahedral on S^2, hyperspherical beyond).
/// </summary>
public static class MeshCatalog
{
    /// <summary>Name of the uniform S^1 mesh (also accepts <c>cells</c> instead of a level in case files).</summary>
    public const string UniformCircle = "uniform";

    /// <summary>Kinds available on S^d (first = default).</summary>
    public static IReadOnlyList<string> Kinds(int sphereDim) => [.. MeshKinds.ForDim(sphereDim).Select(k => k.Name)];

    /// <summary>Builds a mesh of S^d (<see cref="ArgumentException"/> naming the known kinds otherwise).</summary>
    public static SphereMesh Create(string kind, int sphereDim, int level) => MeshKinds.Create(kind, sphereDim, level);
}

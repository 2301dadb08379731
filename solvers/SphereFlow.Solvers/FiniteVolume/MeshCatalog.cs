using SphereFlow.Meshes;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>The mesh kinds the finite-volume solver can build for S^d: uniform arcs on S^1, and the mesh registry.</summary>
public static class MeshCatalog
{
    /// <summary>Name of the uniform S^1 mesh.</summary>
    public const string UniformCircle = "uniform";

    /// <summary>Kinds available on S^d (first = default).</summary>
    public static IReadOnlyList<string> Kinds(int sphereDim) => sphereDim == 1 ? [UniformCircle] : [];

    /// <summary>Builds a mesh of S^d.</summary>
    public static SphereMesh Create(string kind, int sphereDim, int level)
    {
        if (sphereDim == 1 && kind == UniformCircle) return UniformCircleMesh.Create(16 << level, level);
        throw new ArgumentException($"no mesh kind '{kind}' for S^{sphereDim}");
    }
}

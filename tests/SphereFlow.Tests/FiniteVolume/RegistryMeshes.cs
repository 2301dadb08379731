using SphereFlow.Meshes;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Small meshes from the mesh registry (empty until the registry exists in this branch).</summary>
internal static class RegistryMeshes
{
    public static IEnumerable<SphereMesh> Small() => [];
}

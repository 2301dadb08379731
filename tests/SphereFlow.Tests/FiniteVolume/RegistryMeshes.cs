using SphereFlow.Meshes;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Small meshes of every registered kind and every dimension d = 1, 2, 3 it supports.</summary>
internal static class RegistryMeshes
{
    public static IEnumerable<SphereMesh> Small()
    {
        foreach (var kind in MeshKinds.All)
            for (int d = 1; d <= 3; d++)
                if (kind.Supports(d)) yield return MeshKinds.Create(kind.Name, d, d == 3 ? 0 : 1);
    }
}

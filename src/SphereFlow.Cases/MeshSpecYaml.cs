using SphereFlow.Meshes;

namespace SphereFlow.Cases;

/// <summary><c>mesh: {kind, level}</c> (or <c>{kind: uniform, cells}</c> on S^1) ⇄ <see cref="MeshSpec"/>.</summary>
public static class MeshSpecYaml
{
    /// <summary>Reads a mesh of S^<paramref name="sphereDim"/>: the kind among those that mesh it (default the first), its level or, for uniform arcs without a level, its cell count.</summary>
    public static MeshSpec Read(CaseNode node, int sphereDim)
    {
        ArgumentNullException.ThrowIfNull(node);
        var kinds = MeshKinds.ForSphereDim(sphereDim).Select(k => k.Name).ToList();
        string kind = node.Choice("kind", kinds, kinds.First());
        if (kind == "uniform" && !node.Has("level"))
            return new MeshSpec(kind, Cells: node.Integer("cells", MeshSpec.DefaultCells, min: 3, max: 100_000_000));
        return new MeshSpec(kind, Level: node.Integer("level", min: 0, max: 12));
    }

    /// <summary>The mapping.</summary>
    public static Dictionary<string, object?> Write(MeshSpec mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var t = YamlTree.Map();
        t["kind"] = mesh.Kind;
        if (mesh.ByCells) t["cells"] = mesh.Cells ?? MeshSpec.DefaultCells;
        else t["level"] = mesh.Level;
        return t;
    }
}

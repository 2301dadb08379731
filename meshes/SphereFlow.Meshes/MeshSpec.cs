using SphereFlow.IO;

namespace SphereFlow.Meshes;

/// <summary>
/// A mesh of S^d as plain data (<c>mesh: {kind, level}</c>, or <c>{kind: uniform, cells}</c> on S^1): a registered
/// <see cref="MeshKinds"/> kind at a level, or <see cref="Cells"/> equal arcs when the kind is <c>uniform</c> and no
/// level is given.
/// </summary>
/// <param name="Kind">Registered kind name.</param>
/// <param name="Level">Refinement level (null: <c>uniform</c> with <see cref="Cells"/> arcs).</param>
/// <param name="Cells">Arcs of a <c>uniform</c> mesh given without a level (default 256).</param>
public sealed record MeshSpec(string Kind, int? Level = null, int? Cells = null)
{
    /// <summary>Arcs of a uniform S^1 mesh given neither a level nor a cell count.</summary>
    public const int DefaultCells = 256;

    /// <summary>True when the mesh is given by its number of arcs rather than a level.</summary>
    public bool ByCells => Kind == "uniform" && Level is null;

    /// <summary>Builds the mesh of S^<paramref name="sphereDim"/>; errors name <c>kind</c>, <c>level</c> or <c>cells</c>.</summary>
    public SphereMesh Build(int sphereDim)
    {
        if (ByCells)
        {
            int cells = Cells ?? DefaultCells;
            if (cells < 3) throw new SpecException("cells", $"must be ≥ 3 (got {cells})");
            if (sphereDim != 1) throw new SpecException("kind", $"mesh kind 'uniform' supports only d = 1, not d = {sphereDim}");
            return UniformCircleMesh.Create(cells);
        }
        if (Level is not { } level) throw new SpecException("level", "missing (required)");
        try { return MeshKinds.Create(Kind, sphereDim, level); }
        catch (ArgumentException e) { throw new SpecException("kind", e.Message); }
    }
}

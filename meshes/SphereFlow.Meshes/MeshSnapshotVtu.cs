namespace SphereFlow.Meshes;

/// <summary>
/// One snapshot of a mesh measure for ParaView: the mesh as VTU (<see cref="VtuWriter"/>) with cell data
/// <c>density</c> (M_K/|K|) and <c>mass</c> (M_K) beside <c>measure</c> (|K|). A series of them with a .pvd index
/// (<see cref="IO.VtkSnapshotSeries"/>) animates ν_t on the sphere.
/// </summary>
public static class MeshSnapshotVtu
{
    /// <summary>Writes the cell masses <paramref name="masses"/> of <paramref name="mesh"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SphereMesh mesh, ReadOnlySpan<double> masses)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (masses.Length != mesh.CellCount) throw new ArgumentException($"{masses.Length} masses for a mesh of {mesh.CellCount} cells");
        var mass = masses.ToArray();
        var density = new double[mass.Length];
        for (int k = 0; k < mass.Length; k++) density[k] = mass[k] / mesh.CellMeasures[k];
        VtuWriter.Write(path, mesh, new Dictionary<string, double[]> { ["density"] = density, ["mass"] = mass });
    }
}

using System.Text;
using SphereFlow.IO;

namespace SphereFlow.Meshes;

/// <summary>CSV of cell centres and measures: header <c>cell,measure,eta0,…,eta{d}</c>, invariant round-trip numbers, written atomically.</summary>
public static class MeshCsv
{
    /// <summary>The header line for a mesh of S^d (ambient dimension <paramref name="dim"/> = d + 1).</summary>
    public static string Header(int dim) => "cell,measure," + string.Join(",", Enumerable.Range(0, dim).Select(c => $"eta{c}"));

    /// <summary>Writes the centres and measures of <paramref name="mesh"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, SphereMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            w.Write(Header(mesh.AmbientDim)); w.Write('\n');
            for (int k = 0; k < mesh.CellCount; k++)
            {
                w.Write(NumberFormat.I(k)); w.Write(',');
                w.Write(NumberFormat.R(mesh.CellMeasures[k]));
                foreach (var x in mesh.Center(k)) { w.Write(','); w.Write(NumberFormat.R(x)); }
                w.Write('\n');
            }
        });
    }
}

using SphereFlow.Solvers.Stepping;
using SphereFlow.IO;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// final.csv of a run: the measure as <c>mass,eta0,…,eta{d}</c>; a mesh run adds <c>cell,density</c> (density M_K/|K|),
/// so the file joins mesh.csv on <c>cell</c> and still reads back as an initial measure.
/// </summary>
public static class FinalMeasureCsv
{
    /// <summary>Writes the solver's current measure to <paramref name="path"/>.</summary>
    public static void Write(string path, ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (solver.Mesh is { } mesh) MeasureCsv.WriteMesh(path, solver.Current, mesh.CellMeasures);
        else MeasureCsv.Write(path, solver.Current);
    }
}

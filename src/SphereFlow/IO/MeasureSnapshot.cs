using SphereFlow.Measures;

namespace SphereFlow.IO;

/// <summary>
/// The measure ν_t at one moment of a run: step, time and atoms. For a mesh run the atoms are the cells (atom k is cell
/// k, at its centre) and <see cref="CellMeasures"/> holds |K|, so the density is M_K/|K|; for particles it is null.
/// </summary>
/// <param name="Step">Step count.</param>
/// <param name="T">Time t.</param>
/// <param name="Nu">The measure (copied by the caller if the solver keeps changing it).</param>
/// <param name="CellMeasures">Cell measures |K| of a mesh run, else null.</param>
public sealed record MeasureSnapshot(long Step, double T, Measure Nu, double[]? CellMeasures = null)
{
    /// <summary>Densities M_K/|K| of a mesh run, else null.</summary>
    public double[]? Density()
    {
        if (CellMeasures is null) return null;
        if (CellMeasures.Length != Nu.Count) throw new ArgumentException($"{CellMeasures.Length} cell measures for {Nu.Count} cells");
        var rho = new double[Nu.Count];
        for (int k = 0; k < rho.Length; k++) rho[k] = Nu.Mass[k] / CellMeasures[k];
        return rho;
    }
}

using SphereFlow.Problems;
using SphereFlow.Measures;
using SphereFlow.Meshes;

namespace SphereFlow.Plots;

/// <summary>
/// Pictures of a run's final measure: on S^2 the density map (<see cref="SphereDensityMap"/>: a mesh run's own cells, or
/// for particles a histogram on icosahedral level-3 cells with the particles on top), on S^1 the measure against the
/// angle with a deconvolution problem's true spikes (<see cref="CircleMeasurePlot"/>).
/// </summary>
public static class MeasurePlots
{
    /// <summary>Icosahedral level of the cells that bin a particle measure for its density map (642 cells).</summary>
    public const int HistogramLevel = 3;

    /// <summary>
    /// Writes density-map.png (S^2) or measure-angle.png (S^1) into <paramref name="dir"/>, with <paramref name="suffix"/> before
    /// the extension (e.g. "-000003" for snapshot 3); nothing on other spheres. Returns the file written, or null.
    /// </summary>
    public static string? Write(string dir, Measure final, SphereMesh? mesh, Problem problem, double t, string suffix = "")
    {
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(problem);
        Directory.CreateDirectory(dir);
        if (final.AmbientDim == 3)
        {
            string title;
            ScottPlot.Plot plot;
            if (mesh is not null)
            {
                title = $"Mesh density ({mesh.Kind} level {mesh.Level}, {mesh.CellCount} cells), t = {t:G6}";
                plot = SphereDensityMap.Create(mesh, final.Mass, null, problem.Teacher, title);
            }
            else
            {
                var cells = IcosahedralMesh.Create(HistogramLevel);
                var binned = Solvers.Initialization.MeshInitialDensities.FromParticles(cells, final);
                title = $"{final.Count} particles at t = {t:G6}: density of their histogram on {cells.CellCount} icosahedral cells";
                plot = SphereDensityMap.Create(cells, binned, final, problem.Teacher, title);
            }
            string path = Path.Combine(dir, $"density-map{suffix}.png");
            RunPlots.Save(path, plot, 1000, 620);
            return path;
        }
        else if (final.AmbientDim == 2)
        {
            string what = mesh is not null ? $"mesh density ({mesh.CellCount} arcs)" : $"{final.Count} particles";
            string path = Path.Combine(dir, $"measure-angle{suffix}.png");
            RunPlots.Save(path, CircleMeasurePlot.Create(final, mesh, problem.Spikes, $"Measure on S^1: {what}, t = {t:G6}"), 1000, 500);
            return path;
        }
        return null;
    }
}

using ScottPlot;
using SphereFlow.Problems;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Plots;

/// <summary>The standard plots of one run: energy (log scale) and mass versus time; particles for relu with k = 2.</summary>
public static class RunPlots
{
    /// <summary>Writes energy.png, mass.png and, for the relu map on S^2, particles.png into <paramref name="dir"/>.</summary>
    public static void Write(string dir, IReadOnlyList<SeriesRow> series, Measure final, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(problem);
        Directory.CreateDirectory(dir);
        var t = series.Select(r => r.T).ToArray();
        var energy = series.Select(r => r.Diagnostics.Energy).ToArray();
        Save(Path.Combine(dir, "energy.png"), LogLine(t, energy, "t", "F(ν_t)", "Energy"));
        var mass = series.Select(r => r.Diagnostics.Mass).ToArray();
        var pm = new Plot();
        pm.Add.Scatter(t, mass);
        pm.Title("Total mass"); pm.XLabel("t"); pm.YLabel("ν_t(S^d)");
        Save(Path.Combine(dir, "mass.png"), pm);
        if (problem.Features.Name == "relu" && problem.Features.InputDim == 2)
            Save(Path.Combine(dir, "particles.png"), ParticlePlot.Relu2D(final, problem.Teacher, $"Final measure ({final.Count} atoms), t = {(series.Count > 0 ? series[^1].T : 0):G6}"), 900, 650);
    }

    /// <summary>A line plot with a log-10 y axis (non-positive values dropped).</summary>
    public static Plot LogLine(double[] x, double[] y, string xLabel, string yLabel, string title)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var keep = Enumerable.Range(0, x.Length).Where(i => y[i] > 0 && double.IsFinite(y[i])).ToArray();
        var p = new Plot();
        p.Add.Scatter(keep.Select(i => x[i]).ToArray(), keep.Select(i => Math.Log10(y[i])).ToArray());
        LogTicks(p);
        p.Title(title); p.XLabel(xLabel); p.YLabel(yLabel);
        return p;
    }

    /// <summary>Labels a log10-valued left axis (call after adding the data; see <see cref="LogTickMarks"/>).</summary>
    public static void LogTicks(Plot p) => LogTickMarks.Apply(p);

    /// <summary>Labels a log10-valued bottom axis (call after adding the data; see <see cref="LogTickMarks"/>).</summary>
    public static void LogTicksX(Plot p) => LogTickMarks.Apply(p, bottom: true);

    /// <summary>Saves a PNG atomically.</summary>
    public static void Save(string path, Plot plot, int width = 800, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, s => s.Write(bytes, 0, bytes.Length));
    }
}

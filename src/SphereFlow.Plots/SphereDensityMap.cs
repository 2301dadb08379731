using ScottPlot;
using SphereFlow.Data;
using SphereFlow.Measures;
using SphereFlow.Meshes;

namespace SphereFlow.Plots;

/// <summary>
/// A map of a measure on S^2 in the equirectangular projection: latitude asin η₀, longitude the angle of (η₁, η₂)
/// (for the relu map η = (a, b): the northern hemisphere holds the neurons with output weight a &gt; 0, the longitude is
/// the direction of b). The colour is log10 of the cell density ρ_K = M_K/|K| of a mesh (cells located per pixel),
/// shown over four decades below its maximum; atoms of a particle measure are drawn on top as open circles of area
/// proportional to their mass, and a teacher's neurons as crosses.
/// </summary>
public static class SphereDensityMap
{
    /// <summary>Pixels of the map (longitude × latitude).</summary>
    public const int Width = 360, Height = 180;

    /// <summary>Decades of density shown below the maximum.</summary>
    public const double Decades = 4;

    /// <summary>(longitude, latitude) in degrees of a point of S^2.</summary>
    public static (double Lon, double Lat) LonLat(ReadOnlySpan<double> eta) =>
        (Math.Atan2(eta[2], eta[1]) * 180 / Math.PI, Math.Asin(Math.Clamp(eta[0], -1, 1)) * 180 / Math.PI);

    /// <summary>The point of S^2 at (longitude, latitude) in degrees.</summary>
    public static double[] Point(double lon, double lat)
    {
        double l = lon * Math.PI / 180, p = lat * Math.PI / 180;
        return [Math.Sin(p), Math.Cos(p) * Math.Cos(l), Math.Cos(p) * Math.Sin(l)];
    }

    /// <summary>log10 ρ per pixel, row 0 at the north (latitude 90°), column 0 at longitude −180°; NaN where ρ = 0.</summary>
    public static double[,] LogDensityGrid(SphereMesh mesh, ReadOnlySpan<double> cellMasses)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (mesh.AmbientDim != 3) throw new ArgumentException("the density map is for meshes of S^2");
        if (cellMasses.Length != mesh.CellCount) throw new ArgumentException($"{cellMasses.Length} masses for {mesh.CellCount} cells");
        var logRho = new double[mesh.CellCount];
        for (int k = 0; k < logRho.Length; k++)
        {
            double rho = cellMasses[k] / mesh.CellMeasures[k];
            logRho[k] = rho > 0 ? Math.Log10(rho) : double.NaN;
        }
        var grid = new double[Height, Width];
        for (int i = 0; i < Height; i++)
        {
            double lat = 90 - (i + 0.5) * 180.0 / Height;
            for (int j = 0; j < Width; j++)
                grid[i, j] = logRho[mesh.Locate(Point(-180 + (j + 0.5) * 360.0 / Width, lat))];
        }
        return grid;
    }

    /// <summary>
    /// The map of the cell masses <paramref name="cellMasses"/> of <paramref name="mesh"/>, with <paramref name="particles"/>
    /// (optional) and a relu teacher's neurons (optional) on top.
    /// </summary>
    public static Plot Create(SphereMesh mesh, ReadOnlySpan<double> cellMasses, Measure? particles, TeacherNetwork? teacher, string title)
    {
        var grid = LogDensityGrid(mesh, cellMasses);
        double max = double.NegativeInfinity;
        foreach (var v in grid) if (v > max) max = v;
        double floor = max - Decades;
        for (int i = 0; i < Height; i++)
            for (int j = 0; j < Width; j++)
                grid[i, j] = double.IsNaN(grid[i, j]) ? floor : Math.Max(grid[i, j], floor);

        var p = new Plot();
        var heat = p.Add.Heatmap(grid);
        heat.Extent = new CoordinateRect(-180, 180, -90, 90);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        // The colour range is always the shown decades, so a uniform density (every pixel at max, e.g. a uniform start) still
        // gets a labelled colour bar instead of a degenerate range without ticks.
        heat.ManualRange = new ScottPlot.Range(floor, max);
        var bar = p.Add.ColorBar(heat);
        bar.Label = "log10 density M_K/|K|";

        if (particles is { AmbientDim: 3, Count: > 0 })
        {
            double mMax = particles.Mass.Max();
            for (int j = 0; j < particles.Count; j++)
            {
                if (!(particles.Mass[j] > 0)) continue;
                var (lon, lat) = LonLat(particles.Point(j));
                var mk = p.Add.Marker(lon, lat);
                mk.MarkerShape = MarkerShape.OpenCircle;
                mk.MarkerSize = (float)(2 + 10 * Math.Sqrt(particles.Mass[j] / mMax));
                mk.Color = Colors.White;
                if (j == 0) mk.LegendText = "particles (area ∝ mass)";
            }
        }
        if (teacher is { InputDim: 2 })
        {
            for (int j = 0; j < teacher.Width; j++)
            {
                double a = teacher.A[j], b1 = teacher.B[2 * j], b2 = teacher.B[2 * j + 1];
                double n = Math.Sqrt(a * a + b1 * b1 + b2 * b2);
                var (lon, lat) = LonLat([a / n, b1 / n, b2 / n]);
                var mk = p.Add.Marker(lon, lat);
                mk.MarkerShape = MarkerShape.Cross;
                mk.MarkerSize = 14;
                mk.MarkerLineWidth = 3;
                mk.Color = Colors.Red;
                if (j == 0) mk.LegendText = "teacher neurons (a, b)/|(a, b)|";
            }
        }
        if (particles is not null || teacher is not null) p.ShowLegend(Edge.Bottom);
        p.Axes.SetLimits(-180, 180, -90, 90);
        p.Axes.Bottom.TickGenerator = Degrees(-180, 180, 60);
        p.Axes.Left.TickGenerator = Degrees(-90, 90, 30);
        p.XLabel("longitude: angle of (η₁, η₂) (degrees)");
        p.YLabel("latitude: asin η₀ (degrees)");
        p.Title(title);
        return p;
    }

    private static ScottPlot.TickGenerators.NumericManual Degrees(int from, int to, int step)
    {
        var t = new ScottPlot.TickGenerators.NumericManual();
        for (int d = from; d <= to; d += step) t.AddMajor(d, $"{d}°");
        return t;
    }
}

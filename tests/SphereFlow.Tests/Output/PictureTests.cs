using System.Globalization;
using SkiaSharp;
using SphereFlow.Data;
using SphereFlow.Meshes;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Tests.TestSupport;
using SphereFlow.Plots;

namespace SphereFlow.Tests.Output;

/// <summary>The pictures: log-axis ticks, the S^2 density map (orientation, overlay) and the S^1 angle plot, written by real runs.</summary>
public class PictureTests
{
    [Theory]
    [InlineData(0.04, 0.21)]        // under a decade (the energy of a short run)
    [InlineData(0.2501, 0.2503)]    // a factor 1.0008
    [InlineData(3e-3, 0.5)]         // two decades
    [InlineData(1e-12, 10)]         // thirteen decades
    [InlineData(7, 7)]              // one value
    public void Log_axes_get_at_least_three_labelled_ticks_whose_labels_are_the_values_there(double lo, double hi)
    {
        var (major, minor) = LogTickMarks.For(Math.Log10(lo), Math.Log10(hi));
        double a = Math.Log10(lo), b = Math.Log10(hi);
        double pad = b - a < 1e-12 ? 0.05 : 0;
        Assert.True(major.Count >= 3, $"{major.Count} labelled ticks on [{lo}, {hi}]");
        Assert.True(major.Count <= 15, $"{major.Count} labelled ticks on [{lo}, {hi}]: too crowded");
        foreach (var (x, label) in major)
        {
            Assert.InRange(x, a - pad - 1e-9, b + pad + 1e-9);
            // The label is the value at its position (to the label's own rounding: 4 significant digits).
            double v = double.Parse(label, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(1.0, v / Math.Pow(10, x), 5e-4);
        }
        Assert.Equal(major.Count, major.Select(m => m.Label).Distinct().Count());
        Assert.All(minor, x => Assert.DoesNotContain(major, m => Math.Abs(m.Position - x) < 1e-12));
    }

    [Fact]
    public void Density_map_puts_the_north_pole_at_the_top()
    {
        var mesh = IcosahedralMesh.Create(3);
        var masses = MeshInitialDensities.VonMises(mesh, [1, 0, 0], 20, [1.0]); // a bump at η₀ = 1 (latitude 90°)
        var grid = SphereDensityMap.LogDensityGrid(mesh, masses);
        Assert.Equal(SphereDensityMap.Height, grid.GetLength(0));
        Assert.True(grid[0, 0] > grid[SphereDensityMap.Height - 1, 0] + 5, "row 0 is the north");
        // The rendered picture: the top band of the map is bright (Viridis yellow), the bottom band dark.
        var plot = SphereDensityMap.Create(mesh, masses, null, null, "north");
        using var bitmap = SKBitmap.Decode(plot.GetImageBytes(1000, 620, ScottPlot.ImageFormat.Png));
        var box = plot.RenderManager.LastRender.DataRect;
        double Brightness(float y)
        {
            double sum = 0;
            int n = 0;
            for (float x = box.Left + 5; x < box.Right - 5; x += 7, n++)
            {
                var c = bitmap.GetPixel((int)x, (int)y);
                sum += c.Red + c.Green + c.Blue;
            }
            return sum / n;
        }
        Assert.True(Brightness(box.Top + 3) > 2 * Brightness(box.Bottom - 3), "the bump at latitude 90° is drawn at the top");
    }

    [Fact]
    public void Density_map_round_trips_longitude_and_latitude()
    {
        foreach (var (lon, lat) in new[] { (0.0, 0.0), (120.0, 45.0), (-90.0, -60.0), (179.0, 10.0) })
        {
            var (lo, la) = SphereDensityMap.LonLat(SphereDensityMap.Point(lon, lat));
            Assert.Equal(lon, lo, 1e-9);
            Assert.Equal(lat, la, 1e-9);
        }
    }

    [Fact]
    public void Runs_draw_the_measure_density_map_on_s2_and_against_the_angle_on_s1()
    {
        string dir = CliRunner.TempDir();
        var s2 = CliRunner.Run(dir, "run", BundledCases.Path("teacher2d-mesh.yaml"), "--out", Path.Combine(dir, "s2"), "--quiet",
                               "--set", "solver.mesh.level=2", "--set", "solver.t_end=0.5");
        Assert.True(s2.ExitCode == 0, s2.StdErr);
        var s1 = CliRunner.Run(dir, "run", BundledCases.Path("deconv-s1-particles.yaml"), "--out", Path.Combine(dir, "s1"), "--quiet", "--set", "solver.t_end=0.2");
        Assert.True(s1.ExitCode == 0, s1.StdErr);
        foreach (var png in new[] { Path.Combine(dir, "s2", "plots", "density-map.png"), Path.Combine(dir, "s2", "plots", "particles.png"), Path.Combine(dir, "s1", "plots", "measure-angle.png") })
        {
            Assert.True(File.Exists(png), $"missing {png}");
            using var b = SKBitmap.Decode(png);
            Assert.True(b.Width >= 800 && b.Height >= 400, $"{png}: {b.Width}×{b.Height}");
        }
    }

    [Fact]
    public void The_circle_plot_puts_angles_in_zero_to_two_pi()
    {
        var d = Deconvolution.OnCircle([0.5, 2.2, 4.0], [1, 0.6, 0.8]);
        for (int s = 0; s < 3; s++) Assert.Equal(new[] { 0.5, 2.2, 4.0 }[s], CircleMeasurePlot.Angle(d.Points.AsSpan(2 * s, 2)), 1e-12);
        Assert.Equal(2 * Math.PI - 0.1, CircleMeasurePlot.Angle([Math.Cos(-0.1), Math.Sin(-0.1)]), 1e-12);
    }
}

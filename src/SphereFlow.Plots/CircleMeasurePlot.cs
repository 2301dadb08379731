using ScottPlot;
using SphereFlow.Data;
using SphereFlow.Measures;
using SphereFlow.Meshes;

namespace SphereFlow.Plots;

/// <summary>
/// A measure on S^1 against the angle θ ∈ [0, 2π): a mesh measure as its density ρ_K = M_K/|K| (a step per arc), a
/// particle measure as stems of height M_j at θ_j; the true spikes of a deconvolution problem as dashed vertical lines
/// (their weights in the legend), so one sees whether the mass has gathered where it should.
/// </summary>
public static class CircleMeasurePlot
{
    /// <summary>The angle of a point of S^1 in [0, 2π).</summary>
    public static double Angle(ReadOnlySpan<double> eta)
    {
        double a = Math.Atan2(eta[1], eta[0]);
        return a < 0 ? a + 2 * Math.PI : a;
    }

    /// <summary>The plot; <paramref name="mesh"/> given: <paramref name="nu"/> holds its cell masses (atom k = cell k).</summary>
    public static Plot Create(Measure nu, SphereMesh? mesh, Deconvolution? spikes, string title)
    {
        ArgumentNullException.ThrowIfNull(nu);
        if (nu.AmbientDim != 2) throw new ArgumentException("the angle plot is for measures on S^1");
        var p = new Plot();
        // The true spikes first, so the measure is drawn over them.
        if (spikes is { AmbientDim: 2 })
        {
            for (int s = 0; s < spikes.Weights.Length; s++)
            {
                var v = p.Add.VerticalLine(Angle(spikes.Points.AsSpan(2 * s, 2)));
                v.LinePattern = LinePattern.Dashed;
                v.Color = Colors.Red;
                v.LegendText = $"true spike, weight {spikes.Weights[s]:G4}";
            }
        }
        if (mesh is not null)
        {
            if (mesh.CellCount != nu.Count) throw new ArgumentException($"{nu.Count} masses for a mesh of {mesh.CellCount} cells");
            var order = Enumerable.Range(0, nu.Count).OrderBy(k => Angle(nu.Point(k))).ToArray();
            double[] th = [.. order.Select(k => Angle(nu.Point(k)))];
            double[] rho = [.. order.Select(k => nu.Mass[k] / mesh.CellMeasures[k])];
            var line = p.Add.Scatter(th, rho);
            line.ConnectStyle = ConnectStyle.StepVertical;
            line.MarkerSize = 0;
            line.LegendText = "mesh density M_K/|K|";
            p.YLabel("density");
        }
        else
        {
            for (int j = 0; j < nu.Count; j++)
            {
                double th = Angle(nu.Point(j));
                var stem = p.Add.Line(th, 0, th, nu.Mass[j]);
                stem.Color = Colors.SteelBlue;
                stem.LineWidth = 1.5f;
                if (j == 0) stem.LegendText = $"particle masses M_j ({nu.Count} atoms)";
            }
            var tops = p.Add.ScatterPoints(Enumerable.Range(0, nu.Count).Select(j => Angle(nu.Point(j))).ToArray(), nu.Mass);
            tops.Color = Colors.SteelBlue;
            tops.MarkerSize = 4;
            p.YLabel("mass");
        }
        p.Axes.SetLimitsX(0, 2 * Math.PI);
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        string[] labels = ["0", "π/2", "π", "3π/2", "2π"];
        for (int i = 0; i < labels.Length; i++) ticks.AddMajor(i * Math.PI / 2, labels[i]);
        p.Axes.Bottom.TickGenerator = ticks;
        p.XLabel("angle θ");
        p.ShowLegend(Edge.Right);
        p.Title(title);
        return p;
    }
}

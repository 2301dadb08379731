using ScottPlot;
using SphereFlow.Data;
using SphereFlow.Measures;

namespace SphereFlow.Plots;

/// <summary>
/// The paper's figure-2 view of a relu network with k = 2: neuron j drawn at m|a_j| b_j·(r_j-scaled), i.e. at
/// √(m M_j)·|a_j|·b_j/|(a_j,b_j)|² ... in the measure picture: the position |θ₂(j)|·θ₁(:,j) of the paper, with
/// radius scaled by tanh for readability; colour by the sign of a_j; teacher directions dashed. Axis labels and a
/// legend (outside the data) say what is drawn; callers put t in the title.
/// </summary>
public static class ParticlePlot
{
    /// <summary>
    /// Scatter of the particles of a relu measure on S^2 (η = (a, b1, b2)); with <paramref name="unitCircle"/> also the paper's
    /// unit circle |θ₂| |θ₁| = 1 (drawn at radius tanh 1), where its particles start.
    /// </summary>
    public static Plot Relu2D(Measure nu, TeacherNetwork? teacher, string title, bool unitCircle = false)
    {
        ArgumentNullException.ThrowIfNull(nu);
        var p = new Plot();
        int m = nu.Count;
        var pos = new List<(double X, double Y)>();
        var neg = new List<(double X, double Y)>();
        for (int j = 0; j < m; j++) (nu.Points[j * nu.AmbientDim] >= 0 ? pos : neg).Add(Position(nu, j));
        AddFrame(p, teacher);
        AddMarkers(p, pos, Colors.Red);
        AddMarkers(p, neg, Colors.Blue);
        p.Legend.ManualItems.Add(new LegendItem { LabelText = $"neuron with a_j > 0 ({pos.Count})", MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = Colors.Red, MarkerLineColor = Colors.Red, MarkerSize = 6 });
        p.Legend.ManualItems.Add(new LegendItem { LabelText = $"neuron with a_j < 0 ({neg.Count})", MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = Colors.Blue, MarkerLineColor = Colors.Blue, MarkerSize = 6 });
        if (unitCircle)
        {
            var start = p.Add.Circle(0, 0, Math.Tanh(1));
            start.LineColor = Colors.Gray;
            start.LinePattern = LinePattern.Dotted;
            start.FillColor = Colors.Transparent;
            p.Legend.ManualItems.Add(new LegendItem { LabelText = "unit circle |θ₂||θ₁| = 1 (the start)", LinePattern = LinePattern.Dotted, LineColor = Colors.Gray, LineWidth = 1 });
        }
        if (teacher is not null)
        {
            p.Legend.ManualItems.Add(new LegendItem { LabelText = "teacher direction, a > 0", LinePattern = LinePattern.Dashed, LineColor = Colors.Red, LineWidth = 1 });
            p.Legend.ManualItems.Add(new LegendItem { LabelText = "teacher direction, a < 0", LinePattern = LinePattern.Dashed, LineColor = Colors.Blue, LineWidth = 1 });
        }
        FinishPaperAxes(p, title);
        return p;
    }

    /// <summary>The paper's particle-picture frame: legend on the right, square units, axis labels and the title.</summary>
    internal static void FinishPaperAxes(Plot p, string title)
    {
        p.ShowLegend(Edge.Right);
        p.Axes.SquareUnits();
        p.XLabel("m M_j |a_j| b_j1  (radius tanh-scaled)");
        p.YLabel("m M_j |a_j| b_j2  (radius tanh-scaled)");
        p.Title(title);
    }

    /// <summary>
    /// Where neuron j of a relu measure on S^2 is drawn: the paper's |θ₂(j)|·θ₁(:, j). Lifted weights w = r η with M = r²/m give
    /// θ₂ = r a and θ₁ = r b, so |θ₂| θ₁ = r² |a| b = m M_j |a_j| b_j; the radius is mapped through tanh to stay in the unit disc.
    /// </summary>
    public static (double X, double Y) Position(Measure nu, int j)
    {
        ArgumentNullException.ThrowIfNull(nu);
        var eta = nu.Point(j);
        double scale = nu.Count * nu.Mass[j] * Math.Abs(eta[0]);
        double x = scale * eta[1], y = scale * eta[2];
        double rad = Math.Sqrt(x * x + y * y);
        double f = rad > 0 ? Math.Tanh(rad) / rad : 0;
        return (x * f, y * f);
    }

    /// <summary>Draws the unit circle and the teacher's directions (dashed, red for a &gt; 0, blue for a &lt; 0).</summary>
    public static void AddFrame(Plot p, TeacherNetwork? teacher)
    {
        ArgumentNullException.ThrowIfNull(p);
        var circle = p.Add.Circle(0, 0, 1);
        circle.LineColor = Colors.Black;
        circle.FillColor = Colors.Transparent;
        if (teacher is null) return;
        for (int j = 0; j < teacher.Width; j++)
        {
            var l = p.Add.Line(0, 0, 1.2 * teacher.B[2 * j], 1.2 * teacher.B[2 * j + 1]);
            l.LinePattern = LinePattern.Dashed;
            l.Color = teacher.A[j] > 0 ? Colors.Red : Colors.Blue;
        }
    }

    private static void AddMarkers(Plot p, List<(double X, double Y)> pts, Color color)
    {
        if (pts.Count == 0) return;
        var s = p.Add.ScatterPoints(pts.Select(q => q.X).ToArray(), pts.Select(q => q.Y).ToArray());
        s.Color = color;
        s.MarkerSize = 3;
    }
}

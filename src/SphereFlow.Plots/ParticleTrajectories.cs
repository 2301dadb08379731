using ScottPlot;
using SphereFlow.Data;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Plots;

/// <summary>
/// The paper's figure-2 trajectories: for a relu network with k = 2, the path of each neuron's |θ₂(j)|·θ₁(:, j)
/// (<see cref="ParticlePlot.Position"/>) from t = 0 to the end, coloured by the final sign of a_j, ending in a dot, over the
/// teacher's directions. A callback records the positions each time it is due (at most <see cref="MaxParticles"/> neurons,
/// the first ones, an iid sample for iid initial measures); past <see cref="MaxPoints"/> time points every other one is
/// dropped and the recording stride doubles, so memory stays bounded on runs of any length.
/// </summary>
public sealed class ParticleTrajectories : ISimulationCallback
{
    /// <summary>Most neurons drawn.</summary>
    public const int MaxParticles = 1000;

    /// <summary>Most time points kept per neuron.</summary>
    public const int MaxPoints = 512;

    private readonly List<(double T, double[] X, double[] Y, bool[] Positive)> _frames = [];
    private int _stride = 1, _calls;

    /// <summary>The recorded time points (t of each).</summary>
    public IReadOnlyList<double> Times => [.. _frames.Select(f => f.T)];

    /// <inheritdoc/>
    public void Invoke(Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        if (_calls++ % _stride != 0 && !simulation.IsFinal) return;
        var nu = simulation.Solver.Current;
        int n = Math.Min(nu.Count, MaxParticles);
        var x = new double[n];
        var y = new double[n];
        var positive = new bool[n];
        for (int j = 0; j < n; j++)
        {
            (x[j], y[j]) = ParticlePlot.Position(nu, j);
            positive[j] = nu.Points[j * nu.AmbientDim] >= 0;
        }
        if (_frames.Count > 0 && _frames[^1].T == simulation.Solver.Time) _frames.RemoveAt(_frames.Count - 1);
        _frames.Add((simulation.Solver.Time, x, y, positive));
        if (_frames.Count > MaxPoints)
        {
            // Keep the first and every other point (the last is re-added at the end of the run).
            for (int i = _frames.Count - 1; i > 0; i--) if (i % 2 == 1) _frames.RemoveAt(i);
            _stride *= 2;
        }
    }

    /// <summary>The picture (null before two time points are recorded).</summary>
    public Plot? Plot(TeacherNetwork? teacher, string title)
    {
        if (_frames.Count < 2) return null;
        var p = new Plot();
        ParticlePlot.AddFrame(p, teacher);
        int n = _frames.Min(f => f.X.Length);
        var last = _frames[^1];
        for (int j = 0; j < n; j++)
        {
            var line = p.Add.ScatterLine(_frames.Select(f => f.X[j]).ToArray(), _frames.Select(f => f.Y[j]).ToArray());
            line.Color = (last.Positive[j] ? Colors.Red : Colors.Blue).WithAlpha(0.45);
            line.LineWidth = 1;
        }
        foreach (var (positive, color) in new[] { (true, Colors.Red), (false, Colors.Blue) })
        {
            var idx = Enumerable.Range(0, n).Where(j => last.Positive[j] == positive).ToArray();
            if (idx.Length == 0) continue;
            var dots = p.Add.ScatterPoints(idx.Select(j => last.X[j]).ToArray(), idx.Select(j => last.Y[j]).ToArray());
            dots.Color = color;
            dots.MarkerSize = 3;
        }
        p.Legend.ManualItems.Add(new LegendItem { LabelText = "path of a neuron with final a_j > 0", LineColor = Colors.Red, LineWidth = 2 });
        p.Legend.ManualItems.Add(new LegendItem { LabelText = "path of a neuron with final a_j < 0", LineColor = Colors.Blue, LineWidth = 2 });
        p.Legend.ManualItems.Add(new LegendItem { LabelText = "position at the end", MarkerShape = MarkerShape.FilledCircle, MarkerFillColor = Colors.Black, MarkerLineColor = Colors.Black, MarkerSize = 6 });
        if (teacher is not null) p.Legend.ManualItems.Add(new LegendItem { LabelText = "teacher direction (dashed)", LinePattern = LinePattern.Dashed, LineColor = Colors.Black, LineWidth = 1 });
        ParticlePlot.FinishPaperAxes(p, title);
        return p;
    }
}

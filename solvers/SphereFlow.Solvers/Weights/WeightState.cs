using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.RungeKutta;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// The state the weight solvers (w-flow and SGD) share: the weights w_j (row-major, m × (d+1)), their measure
/// ν(w) = Σ (|w_j|²/m) δ_{w_j/|w_j|} (<see cref="Current"/>, refreshed by <see cref="Sync"/>), scratch for the gradient
/// m ∇_{w_j} F, and the checkpointed form.
/// </summary>
public sealed class WeightState
{
    private readonly Measure _scratch;
    private readonly double[] _j, _gradS;

    /// <summary>Weights from an initial measure, w_j = √(m M_j) η_j.</summary>
    public WeightState(Measure initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        W = WeightSpace.FromMeasure(initial);
        Vector = new VectorState(W);
        Current = new Measure(initial.AmbientDim, initial.Count);
        _scratch = new Measure(initial.AmbientDim, initial.Count);
        _j = new double[initial.Count];
        _gradS = new double[initial.Points.Length];
        Sync();
    }

    /// <summary>The weights (live).</summary>
    public double[] W { get; }

    /// <summary>The weights as an ODE state (the same array).</summary>
    public VectorState Vector { get; }

    /// <summary>ν(w) after the last <see cref="Sync"/>.</summary>
    public Measure Current { get; }

    /// <summary>Refreshes <see cref="Current"/> from the weights.</summary>
    public void Sync() => WeightSpace.ToMeasure(W, Current);

    /// <summary>Writes m ∇_{w_j} F(ν(<paramref name="w"/>)) into <paramref name="grad"/> and returns F.</summary>
    public double Gradient(IObjective objective, ReadOnlySpan<double> w, Span<double> grad) => WeightSpace.Gradient(objective, w, _scratch, _j, _gradS, grad);

    /// <summary>Writes the weights (bit-exact).</summary>
    public void Write(BinaryWriter writer) => StateIO.Write(writer, W);

    /// <summary>Reads weights written by <see cref="Write"/> and refreshes <see cref="Current"/>.</summary>
    public void Read(BinaryReader reader)
    {
        StateIO.Read(reader, W, "weights (m or dimension)");
        Sync();
    }
}

namespace SphereFlow.Solvers.RungeKutta;

/// <summary>
/// The coefficients of an explicit Runge–Kutta method: nodes c, the strictly lower-triangular matrix A (row s holds the
/// s weights of stages 0…s−1), the solution weights b = <see cref="B"/>/<see cref="BDivisor"/> (kept as integers over a
/// common divisor where the method has one, so that y + (h/D)·Σ B_i k_i rounds as the textbook formula), and for embedded
/// pairs the error weights e = b − b̂ of the lower-order solution. A first-same-as-last pair (Dormand–Prince) has a last row
/// of A equal to b at c = 1: its last stage is the new solution and its rate the next step's first.
/// </summary>
/// <param name="Name">Name of the method.</param>
/// <param name="Order">Order of the solution.</param>
/// <param name="C">Nodes c_s.</param>
/// <param name="A">Rows of A (row s has s entries).</param>
/// <param name="B">Solution weights times <see cref="BDivisor"/>.</param>
/// <param name="BDivisor">Common divisor of the solution weights.</param>
/// <param name="ErrorWeights">b − b̂ over all stages (null for a method without an embedded estimate).</param>
/// <param name="EmbeddedOrder">Order of the embedded solution b̂ (0 without one).</param>
public sealed record ButcherTableau(string Name, int Order, double[] C, double[][] A, double[] B, double BDivisor = 1, double[]? ErrorWeights = null, int EmbeddedOrder = 0)
{
    /// <summary>Number of stages.</summary>
    public int Stages => C.Length;

    /// <summary>Whether the method carries an error estimate (adaptive step control).</summary>
    public bool IsEmbedded => ErrorWeights is not null;

    /// <summary>First same as last: the last stage is at c = 1 with the solution's weights, so it is the new solution.</summary>
    public bool FirstSameAsLast => Stages > 1 && C[^1] == 1 && BDivisor == 1 && B[^1] == 0 && A[^1].Select((a, i) => a == B[i]).All(x => x);

    /// <summary>Throws unless the coefficients are consistent: A lower-triangular with row sums c_s, Σb = 1, Σe = 0.</summary>
    public ButcherTableau Validated()
    {
        if (A.Length != Stages || B.Length != Stages) throw new ArgumentException($"{Name}: {Stages} nodes need {Stages} rows of A and {Stages} weights");
        for (int s = 0; s < Stages; s++)
        {
            if (A[s].Length != s) throw new ArgumentException($"{Name}: row {s} of A must have {s} entries (explicit method)");
            double sum = A[s].Sum();
            if (Math.Abs(sum - C[s]) > 1e-14) throw new ArgumentException($"{Name}: row {s} of A sums to {sum}, not c = {C[s]}");
        }
        if (Math.Abs(B.Sum() / BDivisor - 1) > 1e-14) throw new ArgumentException($"{Name}: the weights sum to {B.Sum() / BDivisor}, not 1");
        if (ErrorWeights is { } e && (e.Length != Stages || Math.Abs(e.Sum()) > 1e-14)) throw new ArgumentException($"{Name}: error weights must be {Stages} numbers summing to 0");
        return this;
    }
}

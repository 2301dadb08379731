using SphereFlow.Flows;

namespace SphereFlow.Diagnostics;

/// <summary>Scalar laws along a flow, from J and ∇_s J at the atoms.</summary>
public static class FlowDiagnostics
{
    /// <summary>
    /// The energy dissipation rate −dF/dt = ∫ (α (J − s)² + β |∇_s J|²) dν along the flow (s the reaction
    /// shift), so dF/dt = −Dissipation.
    /// </summary>
    public static double Dissipation(FlowSpec flow, ReadOnlySpan<double> mass, ReadOnlySpan<double> j, ReadOnlySpan<double> gradS, int dim)
    {
        ArgumentNullException.ThrowIfNull(flow);
        double s = flow.Shift(mass, j), acc = 0;
        for (int q = 0; q < mass.Length; q++)
        {
            var gq = gradS.Slice(q * dim, dim);
            double g2 = 0;
            for (int c = 0; c < dim; c++) g2 += gq[c] * gq[c];
            double r = j[q] - s;
            acc += mass[q] * (flow.Alpha * r * r + flow.Beta * g2);
        }
        return acc;
    }

    /// <summary>dν(S^d)/dt = −α ∫ (J − s) dν (zero for Wasserstein and birth–death).</summary>
    public static double MassRate(FlowSpec flow, ReadOnlySpan<double> mass, ReadOnlySpan<double> j)
    {
        ArgumentNullException.ThrowIfNull(flow);
        double s = flow.Shift(mass, j), acc = 0;
        for (int q = 0; q < mass.Length; q++) acc += mass[q] * (j[q] - s);
        return -flow.Alpha * acc;
    }

    /// <summary>
    /// The optimality certificate for λ &gt; 0 and a loss with F* ≥ 0: F(ν) − F* ≤ ∫J dν − min(0, min J)·F(ν)/λ.
    /// Returns +∞ when λ = 0 and min J &lt; 0.
    /// </summary>
    public static double OptimalityGapBound(double energy, double integralJ, double minJ, double lambda)
    {
        double neg = Math.Min(0, minJ);
        if (neg == 0) return integralJ;
        return lambda > 0 ? integralJ - neg * energy / lambda : double.PositiveInfinity;
    }
}

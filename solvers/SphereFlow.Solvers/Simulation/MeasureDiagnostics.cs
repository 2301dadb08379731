using SphereFlow.Diagnostics;
using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.Simulation;

/// <summary>The scalar diagnostics of a measure along a flow.</summary>
/// <param name="Energy">F(ν).</param>
/// <param name="Mass">ν(S^d).</param>
/// <param name="MinJ">min J over the atoms and the probe points.</param>
/// <param name="IntegralJ">∫ J dν.</param>
/// <param name="Dissipation">−dF/dt = ∫ (α (J − s)² + β |∇_s J|²) dν.</param>
/// <param name="GapBound">Certificate bound on F(ν) − F* (λ &gt; 0), +∞ when unavailable.</param>
public readonly record struct Snapshot(double Energy, double Mass, double MinJ, double IntegralJ, double Dissipation, double GapBound);

/// <summary>Computes <see cref="Snapshot"/>s.</summary>
public static class MeasureDiagnostics
{
    /// <summary>Diagnoses ν; <paramref name="probes"/> (row-major points, may be empty) extend the minimum of J beyond the atoms.</summary>
    public static Snapshot Compute(IObjective objective, FlowSpec flow, Measure nu, double lambda, ReadOnlySpan<double> probes)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(nu);
        var lin = objective.Linearize(nu);
        var j = new double[nu.Count];
        var g = new double[nu.Points.Length];
        lin.Evaluate(nu.Points, j, g);
        double minJ = double.PositiveInfinity, intJ = 0;
        for (int q = 0; q < j.Length; q++)
        {
            intJ += nu.Mass[q] * j[q];
            minJ = Math.Min(minJ, j[q]);
        }
        if (!probes.IsEmpty)
        {
            var jp = new double[probes.Length / nu.AmbientDim];
            lin.Evaluate(probes, jp, Span<double>.Empty);
            foreach (var v in jp) minJ = Math.Min(minJ, v);
        }
        double diss = FlowDiagnostics.Dissipation(flow, nu.Mass, j, g, nu.AmbientDim);
        double bound = FlowDiagnostics.OptimalityGapBound(lin.Energy, intJ, minJ, lambda);
        return new Snapshot(lin.Energy, nu.TotalMass, minJ, intJ, diss, bound);
    }
}

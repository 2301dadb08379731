using SphereFlow.Certificates;
using SphereFlow.Diagnostics;
using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.Simulation;

/// <summary>The scalar diagnostics of a measure along a flow.</summary>
/// <param name="Energy">F(ν).</param>
/// <param name="Mass">ν(S^d).</param>
/// <param name="MinJ">
/// An estimate of min J over S^d: the smallest J found over the atoms, the probe points, local descents and (where a bound is
/// computed) the branch and bound's cell centres. It is a value of J, so an upper bound of min J, never a lower one.
/// </param>
/// <param name="IntegralJ">∫ J dν.</param>
/// <param name="Dissipation">−dF/dt = ∫ (α (J − s)² + β |∇_s J|²) dν.</param>
/// <param name="GapBound">
/// The certificate F(ν) − F* ≤ ∫J dν − min(0, <paramref name="MinJLowerBound"/>)·F/λ, from the rigorous lower bound only: NaN when
/// there is no rigorous bound (then nothing is certified), +∞ when λ = 0 and the bound is negative.
/// </param>
/// <param name="MinJLowerBound">A rigorous lower bound of min J over S^d (<see cref="MinimumOfJ"/>), NaN where none is computed.</param>
public readonly record struct Snapshot(double Energy, double Mass, double MinJ, double IntegralJ, double Dissipation, double GapBound, double MinJLowerBound = double.NaN);

/// <summary>Computes <see cref="Snapshot"/>s.</summary>
public static class MeasureDiagnostics
{
    /// <summary>
    /// Diagnoses ν; <paramref name="probes"/> (row-major points, may be empty) extend the estimate of min J beyond the atoms, and
    /// <paramref name="minJ"/> sets the rigorous bound's search (<see cref="MinimumOfJ"/>).
    /// </summary>
    public static Snapshot Compute(IObjective objective, FlowSpec flow, Measure nu, double lambda, ReadOnlySpan<double> probes, MinJOptions? minJ = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(nu);
        var lin = objective.Linearize(nu);
        var j = new double[nu.Count];
        var g = new double[nu.Points.Length];
        lin.Evaluate(nu.Points, j, g);
        double intJ = 0;
        for (int q = 0; q < j.Length; q++) intJ += nu.Mass[q] * j[q];
        var min = MinimumOfJ.Find(objective, nu, lin, j, probes, minJ);
        double diss = FlowDiagnostics.Dissipation(flow, nu.Mass, j, g, nu.AmbientDim);
        double bound = min.IsBound ? FlowDiagnostics.OptimalityGapBound(lin.Energy, intJ, min.LowerBound, lambda) : double.NaN;
        return new Snapshot(lin.Energy, nu.TotalMass, min.Estimate, intJ, diss, bound, min.LowerBound);
    }
}

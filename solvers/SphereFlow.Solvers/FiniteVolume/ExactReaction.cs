using System.Numerics.Tensors;
using SphereFlow.Flows;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// The reaction part −α (J − s) ν of the flow, solved exactly in time for frozen J:
/// M_K ← M_K exp(−α (J_K − s) τ), with s = 0 (WFR, Wasserstein) or s = J̄ = Σ M_K J_K / Σ M_K (birth–death, followed by
/// an exact rescaling to the previous total mass, so mass is conserved to round-off).
/// </summary>
public sealed class ExactReaction
{
    private readonly FlowSpec _flow;
    private readonly double[] _factor;

    /// <summary>Creates the reaction for <paramref name="cells"/> cells.</summary>
    public ExactReaction(FlowSpec flow, int cells)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _flow = flow;
        _factor = new double[cells];
    }

    /// <summary>True when the reaction does nothing (α = 0).</summary>
    public bool IsIdentity => _flow.Alpha == 0;

    /// <summary>Applies the exact reaction over time <paramref name="tau"/> in place.</summary>
    public void Apply(double[] mass, double[] j, double tau)
    {
        ArgumentNullException.ThrowIfNull(mass);
        ArgumentNullException.ThrowIfNull(j);
        if (IsIdentity || tau == 0) return;
        double shift = _flow.Shift(mass, j);
        double before = _flow.Kind == FlowKind.BirthDeath ? TensorPrimitives.Sum(mass) : 0;
        var f = _factor.AsSpan(0, mass.Length);
        TensorPrimitives.Subtract(j, shift, f);
        TensorPrimitives.Multiply(f, -_flow.Alpha * tau, f);
        TensorPrimitives.Exp(f, f);
        TensorPrimitives.Multiply(mass, f, mass);
        if (_flow.Kind == FlowKind.BirthDeath) MassRenormalization.Rescale(mass, before);
    }

    /// <summary>Adds the reaction rate −α (J_K − s) M_K to <paramref name="dmdt"/> (for unsplit integrators).</summary>
    public void AddRate(double[] mass, double[] j, double[] dmdt)
    {
        ArgumentNullException.ThrowIfNull(mass);
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(dmdt);
        if (IsIdentity) return;
        double shift = _flow.Shift(mass, j), a = _flow.Alpha;
        for (int k = 0; k < mass.Length; k++) dmdt[k] -= a * (j[k] - shift) * mass[k];
    }

    /// <summary>
    /// Largest reaction decay rate α (J_K − s)⁺ (enters the positivity bound of unsplit integrators). For birth–death the
    /// shift s = J̄ is taken at its lowest possible value min_K J_K: the stages of an unsplit step see other masses, hence
    /// another J̄ (always ≥ min J), and the bound must hold at every stage.
    /// </summary>
    public double MaxDecayRate(double[] mass, double[] j)
    {
        ArgumentNullException.ThrowIfNull(j);
        if (IsIdentity) return 0;
        double shift = _flow.Kind == FlowKind.BirthDeath ? TensorPrimitives.Min(j) : _flow.Shift(mass, j), m = 0;
        foreach (var v in j) m = Math.Max(m, v - shift);
        return _flow.Alpha * m;
    }
}

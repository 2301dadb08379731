namespace SphereFlow.Certificates;

/// <summary>
/// A rigorous lower bound of the first variation J(·|ν) on geodesic balls B(c, r) = {η ∈ S^d : dist(c, η) ≤ r},
/// 0 &lt; r &lt; π/2, computed from the data (the residual weights g_i, the inputs x_i) of a fixed linearisation.
/// <para>
/// Every implementation rests on one of two facts about the unit-speed geodesic γ(s) = cos s·c + sin s·v (v a unit
/// tangent at c) from the centre to a point η = γ(ρ) of the ball, ρ ≤ r, all of which stays in the ball:
/// </para>
/// <list type="bullet">
/// <item>first order: if J∘γ is L-Lipschitz, J(η) ≥ J(c) − L r;</item>
/// <item>second order: if (J∘γ)'' ≥ −H on [0, ρ], J(η) ≥ J(c) + ρ ∇_sJ(c)·v − ½Hρ² ≥ J(c) − |∇_sJ(c)| r − ½H r²
/// (the right-hand side decreases in ρ).</item>
/// </list>
/// The second-order bound is tight to O(r²) at a minimum, where ∇_sJ vanishes; this is what lets a branch and bound
/// reach a tolerance with few cells. Implementations are thread-safe (the branch and bound calls them in parallel).
/// </summary>
public interface IBallLowerBound
{
    /// <summary>Ambient dimension d + 1.</summary>
    int AmbientDim { get; }

    /// <summary>How the bound is derived (for reports), e.g. "second order (curvature of the smooth part) + Lipschitz (kinks)".</summary>
    string Method { get; }

    /// <summary>
    /// S = an upper bound of max |J − λ| over S^d (Σ_i |g_i| max|Ψ(·)(x_i)| for data objectives): the scale of J that tolerances
    /// are relative to.
    /// </summary>
    double Scale { get; }

    /// <summary>
    /// Absolute floating-point margin: the computed J(c) and lower bounds may differ from the exact ones (those of the exact
    /// measure ν, evaluated in exact arithmetic) by at most this; callers subtract it from every lower bound. Each
    /// implementation derives it in its XML docs.
    /// </summary>
    double RoundOffMargin { get; }

    /// <summary>Scratch values <see cref="Evaluate"/> needs.</summary>
    int ScratchLength { get; }

    /// <summary>
    /// J at the centre <paramref name="centre"/> (a unit vector) and a lower bound of J over B(centre, <paramref name="radius"/>),
    /// both before the round-off margin.
    /// </summary>
    (double Value, double Lower) Evaluate(ReadOnlySpan<double> centre, double radius, Span<double> scratch);
}

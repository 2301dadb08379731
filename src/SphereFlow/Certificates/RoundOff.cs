namespace SphereFlow.Certificates;

/// <summary>
/// The floating-point margin of the data lower bounds (<see cref="IBallLowerBound.RoundOffMargin"/>), derived once here.
/// <para>
/// Notation: u = 2^−53 (unit round-off), γ_k = k u/(1 − k u) ≤ 1.01 k u for k u ≤ 0.01 (Higham, Accuracy and Stability of
/// Numerical Algorithms, §3.1: a sum or dot product of k terms in any order, SIMD lanes included, has absolute error
/// ≤ γ_k Σ|terms|). J(η) = λ + Σ_i g_i Ψ(η)(x_i) with Ψmax_i ≥ max_η |Ψ(η)(x_i)|, S = Σ_i |g_i| Ψmax_i.
/// </para>
/// <list type="number">
/// <item>Each kernel value Ψ(c)(x_i) is computed with absolute error ≤ E u Ψmax_i (E per map: its dot product and
/// elementary functions; stated by each bound); the sum over n points adds γ_{n+1}: |J̃(c) − J(c)| ≤ 1.01 (n + E + 1) u S.</item>
/// <item>The residual weights g_i = ω_i ∂₁ℓ(h_i, y_i) come from the computed prediction h_i = Σ_j M_j Ψ(η_j)(x_i) with error
/// ≤ γ_{m+E} ν(S^d) Ψmax_i; ∂₁ℓ is L_ℓ-Lipschitz in h (square 1, logistic ¼) and is evaluated with ≤ 3u relative error, so
/// |g̃_i − g_i| ≤ ω_i L_ℓ γ_{m+E} ν(S^d) Ψmax_i + 3u|g_i|, which moves J by ≤ L_ℓ ν(S^d) γ_{m+E} T + 3u S with
/// T = Σ_i ω_i Ψmax_i².</item>
/// <item>The bound's own arithmetic (|∇_s J| from d + 1 components, r|∇_s J|, ½ H r², the Lipschitz sums; each of these is
/// ≤ 2S in size on balls of radius &lt; π/2) adds ≤ (d + 16) u · 3S.</item>
/// </list>
/// Sum: ≤ 1.01 u [(n + E + 3d + 52) S + L_ℓ ν(S^d) (m + E) T]. The margin is four times this.
/// </summary>
public static class RoundOff
{
    /// <summary>u = 2^−53.</summary>
    public const double Unit = 1.1102230246251565e-16;

    /// <summary>
    /// 4.04 u [(n + E + 3d + 52) S + L_ℓ ν(S^d) (m + E) T] (see the class remarks for the derivation).
    /// </summary>
    /// <param name="n">Number of data points.</param>
    /// <param name="dim">Ambient dimension d + 1.</param>
    /// <param name="kernelOps">E: error of one kernel value in units of u Ψmax_i.</param>
    /// <param name="scale">S = Σ_i |g_i| Ψmax_i.</param>
    /// <param name="lossLipschitz">L_ℓ, the Lipschitz constant of ∂₁ℓ in h.</param>
    /// <param name="atoms">m, the number of atoms of ν.</param>
    /// <param name="totalMass">ν(S^d).</param>
    /// <param name="sensitivity">T = Σ_i ω_i Ψmax_i².</param>
    public static double DataMargin(int n, int dim, double kernelOps, double scale, double lossLipschitz, int atoms, double totalMass, double sensitivity)
        => 4.04 * Unit * ((n + kernelOps + 3 * dim + 52) * scale + lossLipschitz * Math.Abs(totalMass) * (atoms + kernelOps) * sensitivity);

    /// <summary>
    /// The radius used for a cell whose computed circumradius is <paramref name="r"/>: r (1 + 10^−12) + 10^−13. The cells' vertices are
    /// the computed doubles themselves (neighbouring cells share them bit for bit, so the cells tile the sphere exactly); the
    /// inflation covers the round-off of the centre's normalisation and of the angle (a few u each), with a wide margin.
    /// </summary>
    public static double InflateRadius(double r) => r * (1 + 1e-12) + 1e-13;
}

namespace SphereFlow.Validation.Statistics;

/// <summary>
/// Richardson-type estimate of the discretisation error of the finest of three solutions on meshes refined by a ratio r
/// in h (r = 2: one icosahedral level, or twice the arcs on S^1).
/// <para>
/// Scalars (e.g. F): if F_h = F + C h^p + o(h^p), then F_{h/r} − F = (F_h − F_{h/r})/(r^p − 1) + o(h^p), and
/// p = log_r(|F_{h} − F_{h/r}| / |F_{h/r} − F_{h/r²}|) from three levels.
/// </para>
/// <para>
/// Distances between measures that are norms of a difference (the MMD is the Hilbert norm of the kernel mean embedding
/// difference, ‖Δh‖ a weighted L² norm, W1 on S^1 the L¹ norm of the CDF difference up to a constant): if the embedding of
/// ν_h is e(ν) + E h^p + o(h^p), then d(ν_h, ν_{h/r}) = ‖E‖ h^p (1 − r^{−p}) + o(h^p) and d(ν_{h/r}, ν) = ‖E‖ (h/r)^p + o(h^p),
/// so d(ν_{h/r}, ν) ≈ d(ν_h, ν_{h/r})/(r^p − 1), with p = log_r(d(ν_{h/r²}, ν_{h/r}) / d(ν_{h/r}, ν_h)) — the same formula with
/// the successive differences as the data.
/// </para>
/// The observed order is capped at <c>maxOrder</c> (the scheme's formal order) before use: a smaller p gives a larger,
/// more cautious estimate. When the finer difference is at the round-off level of the quantity, the levels have converged
/// to round-off (or agree to it throughout) and the estimate is that round-off level (<see cref="AtRoundOff"/>). Otherwise, when the differences do not decrease
/// (p ≤ 0, or either is zero or not finite) the levels are not in the asymptotic range and the estimate is NaN (unknown),
/// never a number that looks small.
/// </summary>
/// <param name="Order">Observed order p (NaN when a difference is not finite or zero).</param>
/// <param name="OrderUsed">min(p, maxOrder), the order the estimate uses.</param>
/// <param name="Error">Estimated error of the finest level (NaN: not in the asymptotic range).</param>
/// <param name="AtRoundOff">Whether the levels agree to round-off (then <paramref name="Error"/> is the round-off level).</param>
public readonly record struct RichardsonEstimate(double Order, double OrderUsed, double Error, bool AtRoundOff = false)
{
    /// <summary>From the difference of the two coarser levels and the difference of the two finer levels.</summary>
    /// <param name="coarse">|q_{h} − q_{h/r}| or d(ν_h, ν_{h/r}).</param>
    /// <param name="fine">|q_{h/r} − q_{h/r²}| or d(ν_{h/r}, ν_{h/r²}).</param>
    /// <param name="maxOrder">The scheme's formal order (cap on the order used).</param>
    /// <param name="roundOff">Round-off level of the differences (≥ 0): a finer difference at or below it means the levels agree to round-off.</param>
    /// <param name="ratio">Refinement ratio r &gt; 1 in h.</param>
    public static RichardsonEstimate FromDifferences(double coarse, double fine, double maxOrder, double roundOff = 0, double ratio = 2)
    {
        if (!(ratio > 1) || !double.IsFinite(ratio)) throw new ArgumentException("the refinement ratio must be finite and > 1");
        if (!(maxOrder > 0)) throw new ArgumentException("the formal order must be > 0");
        if (!(roundOff >= 0)) throw new ArgumentException("the round-off level must be ≥ 0");
        if (roundOff > 0 && fine <= roundOff) return new RichardsonEstimate(double.NaN, double.NaN, roundOff, AtRoundOff: true);
        if (!(coarse > 0) || !(fine > 0) || !double.IsFinite(coarse) || !double.IsFinite(fine))
            return new RichardsonEstimate(double.NaN, double.NaN, double.NaN);
        double p = Math.Log(coarse / fine) / Math.Log(ratio);
        if (!(p > 0)) return new RichardsonEstimate(p, double.NaN, double.NaN);
        double used = Math.Min(p, maxOrder);
        return new RichardsonEstimate(p, used, fine / (Math.Pow(ratio, used) - 1));
    }

    /// <summary>Whether the levels gave an estimate (the differences decrease).</summary>
    public bool IsKnown => double.IsFinite(Error);
}

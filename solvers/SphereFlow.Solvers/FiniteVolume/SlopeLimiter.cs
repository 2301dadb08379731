namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// Slope limiters of the second-order (MUSCL-type) face reconstruction. A limiter maps the upwind difference
/// Δu = ρ_K − ρ_U (U the virtual upwind point) and the central difference Δc = ρ_L − ρ_K along the centre segment
/// K→L to the limited slope δ, and the face value is ρ_f = ρ_K + δ/2. Every limiter returns 0 when Δu·Δc ≤ 0
/// (a local extremum: first order there) and a value between 0 and Δc otherwise (face value between ρ_K and ρ_L).
/// </summary>
public enum SlopeLimiter
{
    /// <summary>No reconstruction: the first-order upwind scheme (δ = 0).</summary>
    None,
    /// <summary>minmod(Δu, Δc): the most diffusive TVD limiter.</summary>
    MinMod,
    /// <summary>van Leer (harmonic mean): δ = 2 Δu Δc / (Δu + Δc) when Δu Δc &gt; 0, capped at |δ| ≤ |Δc|·2 implicitly.</summary>
    VanLeer,
}

/// <summary>Names and evaluation of <see cref="SlopeLimiter"/>s.</summary>
public static class SlopeLimiters
{
    /// <summary>Case-file names: none, minmod, vanleer.</summary>
    public static readonly string[] Names = ["none", "minmod", "vanleer"];

    /// <summary>Parses a case-file name.</summary>
    public static SlopeLimiter Parse(string name) => name switch
    {
        "none" => SlopeLimiter.None,
        "minmod" => SlopeLimiter.MinMod,
        "vanleer" => SlopeLimiter.VanLeer,
        _ => throw new ArgumentException($"unknown limiter '{name}' (known: {string.Join(", ", Names)})"),
    };

    /// <summary>The case-file name of a limiter.</summary>
    public static string Name(SlopeLimiter limiter) => Names[(int)limiter];

    /// <summary>The limited slope δ for upwind difference <paramref name="du"/> and central difference <paramref name="dc"/>.</summary>
    public static double Slope(SlopeLimiter limiter, double du, double dc)
    {
        double p = du * dc;
        if (!(p > 0)) return 0;
        return limiter switch
        {
            SlopeLimiter.MinMod => Math.Abs(du) < Math.Abs(dc) ? du : dc,
            SlopeLimiter.VanLeer => 2 * p / (du + dc),
            _ => 0,
        };
    }
}

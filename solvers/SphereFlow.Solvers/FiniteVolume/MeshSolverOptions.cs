namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>Numerical options of <see cref="MeshSolver"/>.</summary>
public sealed record MeshSolverOptions
{
    /// <summary>Safety factor on the positivity (CFL) bound, in (0, 1]; default 0.9.</summary>
    public double CflSafety { get; init; } = 0.9;

    /// <summary>Face reconstruction: <see cref="SlopeLimiter.None"/> (first-order upwind, default) or a limiter (second-order option).</summary>
    public SlopeLimiter Limiter { get; init; } = SlopeLimiter.None;

    /// <summary>Step halvings allowed before a step whose energy still rises is accepted and reported.</summary>
    public int MaxRejections { get; init; } = 12;

    /// <summary>Round-off allowance on energy increase, relative to max(|F(ν_n)|, |F(ν_{n+1})|); default 1e-12.</summary>
    public double EnergyTolerance { get; init; } = 1e-12;

    /// <summary>
    /// Growth of the remembered step after an energy rejection: the next step tries the last accepted Δt, and each step
    /// accepted at the remembered cap multiplies it by this factor (&gt; 1) until the CFL bound or dt binds again; default 1.1.
    /// </summary>
    public double StepGrowth { get; init; } = 1.1;

    /// <summary>Throws on out-of-range values.</summary>
    public void Validate()
    {
        if (!(CflSafety > 0 && CflSafety <= 1)) throw new ArgumentException($"cfl safety must be in (0, 1] (got {CflSafety})");
        if (MaxRejections < 0) throw new ArgumentException("max rejections must be ≥ 0");
        if (!(EnergyTolerance >= 0)) throw new ArgumentException("energy tolerance must be ≥ 0");
        if (!(StepGrowth > 1) || !double.IsFinite(StepGrowth)) throw new ArgumentException($"step growth must be finite and > 1 (got {StepGrowth})");
    }
}

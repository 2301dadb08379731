namespace SphereFlow.Solvers.Reference;

/// <summary>Stopping rule and limits of <see cref="ConvexReference"/>.</summary>
public sealed record ConvexReferenceOptions
{
    /// <summary>Algorithm; default <see cref="ConvexReferenceMethod.Auto"/> (active set for the square loss, FISTA otherwise).</summary>
    public ConvexReferenceMethod Method { get; init; } = ConvexReferenceMethod.Auto;

    /// <summary>Active set: stop adding points once min_K J_K ≥ −JTolerance; default 1e-13.</summary>
    public double JTolerance { get; init; } = 1e-13;

    /// <summary>Stop when the certified gap is below this fraction of max(F, <see cref="AbsoluteFloor"/>); default 1e-9.</summary>
    public double RelativeGap { get; init; } = 1e-9;

    /// <summary>Absolute floor of the gap target (for F near 0); default 1e-14.</summary>
    public double AbsoluteFloor { get; init; } = 1e-14;

    /// <summary>
    /// For λ = 0 (where the Fenchel gap is only available once J ≥ 0 everywhere): also stop when the KKT residual
    /// max_K |min(M_K, J_K)| is below this; default 1e-10.
    /// </summary>
    public double KktTolerance { get; init; } = 1e-10;

    /// <summary>Iteration cap; default 20000.</summary>
    public int MaxIterations { get; init; } = 20000;

    /// <summary>Gap checked every this many iterations; default 10.</summary>
    public int CheckEvery { get; init; } = 10;

    /// <summary>Power-iteration steps for the Lipschitz estimate; default 60.</summary>
    public int PowerIterations { get; init; } = 60;
}

/// <summary>Algorithms of <see cref="ConvexReference"/>.</summary>
public enum ConvexReferenceMethod
{
    /// <summary>Active set for the square loss, FISTA otherwise.</summary>
    Auto,
    /// <summary>Monotone FISTA with restart and backtracking (any smooth convex loss).</summary>
    Fista,
    /// <summary>Lawson–Hanson active set (square loss only).</summary>
    ActiveSet,
}

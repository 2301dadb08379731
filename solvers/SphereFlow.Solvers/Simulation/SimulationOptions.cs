namespace SphereFlow.Solvers.Simulation;

/// <summary>How a simulation runs and reports.</summary>
public sealed record SimulationOptions
{
    /// <summary>Final time.</summary>
    public required double TEnd { get; init; }
    /// <summary>Largest step Δt (solvers may take less).</summary>
    public required double Dt { get; init; }
    /// <summary>Write a series row (and a checkpoint) every this many steps; the first and last steps are always written.</summary>
    public int OutputEvery { get; init; } = 10;
    /// <summary>Divergence when the energy exceeds this factor times max(|F(ν_0)|, 1e-12).</summary>
    public double BlowupFactor { get; init; } = 10;
    /// <summary>Weight decay λ (for the optimality certificate).</summary>
    public double Lambda { get; init; }
    /// <summary>Extra points (row-major) where J is also evaluated for the estimate of min J.</summary>
    public double[] Probes { get; init; } = [];
    /// <summary>Settings of the estimate and rigorous bound of min J (<see cref="SphereFlow.Certificates.MinimumOfJ"/>).</summary>
    public SphereFlow.Certificates.MinJOptions MinJ { get; init; } = new();
}

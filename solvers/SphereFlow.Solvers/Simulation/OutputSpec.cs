namespace SphereFlow.Solvers.Simulation;

/// <summary>How a run records (the <c>output:</c> section): a series row and checkpoint every <see cref="Every"/> steps,
/// <see cref="Probes"/> extra points for min J, the energy blow-up factor that counts as divergence, snapshots of ν_t and
/// wall-clock checkpoints.</summary>
public sealed record OutputSpec
{
    /// <summary>A series row (and checkpoint) every this many steps; the first and last steps are always recorded.</summary>
    public int Every { get; init; } = 10;
    /// <summary>Stratified probe points where min J is also evaluated (null: <see cref="DefaultProbes"/>).</summary>
    public int? Probes { get; init; }
    /// <summary>Divergence when F exceeds this factor times max(|F(ν₀)|, 1e-12).</summary>
    public double BlowupFactor { get; init; } = 10;
    /// <summary>Cell budget of the rigorous branch-and-bound lower bound of min J (0: no bound, the estimate only).</summary>
    public int BoundCells { get; init; } = 200_000;
    /// <summary>Relative tolerance at which the branch and bound of min J stops refining.</summary>
    public double BoundTolerance { get; init; } = 1e-9;
    /// <summary>Snapshots of ν_t (VTU/VTP series with a .pvd index, the HDF5 run file, density pictures); null: none.</summary>
    public SnapshotSpec? Snapshots { get; init; }
    /// <summary>Also write the checkpoint every this many wall-clock seconds (null: only on the recording schedule).</summary>
    public double? CheckpointWallTime { get; init; }
    /// <summary>Checkpoints kept: checkpoint.bin (the latest) and the <see cref="CheckpointKeep"/> − 1 before it as checkpoint-STEP.bin.</summary>
    public int CheckpointKeep { get; init; } = 1;

    /// <summary>
    /// Default probe count. Probe points feed the estimate of min J (with local descents from the best of them): 2048 up to
    /// S^3, where the rigorous bound searches the whole sphere anyway; above that 64, which keeps the estimate cheap next to a step.
    /// </summary>
    public static int DefaultProbes(int ambientDim) => ambientDim <= 4 ? 2048 : 64;

    /// <summary>The probe count used in R^<paramref name="ambientDim"/>.</summary>
    public int ResolvedProbes(int ambientDim) => Probes ?? DefaultProbes(ambientDim);
}

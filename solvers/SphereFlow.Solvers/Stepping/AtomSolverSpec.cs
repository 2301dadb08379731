using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Solvers.Stepping;

/// <summary>
/// A solver whose measure is m atoms from an initial measure (<c>solver: {m, init}</c>): particles, the w-flow of the
/// network weights and online SGD.
/// </summary>
public abstract record AtomSolverSpec : SolverSpec
{
    /// <summary>Atom count m: particles or neurons (null only with a CSV initial measure, which then sets it).</summary>
    public int? M { get; init; }

    /// <summary>The initial measure.</summary>
    public required ParticleInitSpec Init { get; init; }

    /// <inheritdoc/>
    public override double? Atoms(int ambientDim) => Resources.MemoryModel.Atoms(Init, M);
}

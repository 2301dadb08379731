namespace SphereFlow.Solvers.BirthDeath;

/// <summary>
/// How birth–death acts on particles (<c>solver.birth_death</c>, <c>birth_death_until</c>, <c>seed</c> for
/// <c>flow.kind: birth-death</c>): deterministic weights or stochastic kill/clone, switched off after
/// <see cref="Until"/> (+∞: never), and the seed of the stochastic draws.
/// </summary>
/// <param name="Mode">Deterministic or stochastic.</param>
/// <param name="Until">Time after which birth–death is off.</param>
/// <param name="Seed">Seed of the kill/clone draws.</param>
public sealed record BirthDeathSpec(BirthDeathMode Mode = BirthDeathMode.Deterministic, double Until = double.PositiveInfinity, int Seed = 1)
{
    /// <summary>Case-file name of a mode.</summary>
    public static string Name(BirthDeathMode mode) => mode == BirthDeathMode.Stochastic ? "stochastic" : "deterministic";
}

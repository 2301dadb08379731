namespace SphereFlow.Solvers.BirthDeath;

/// <summary>How birth–death acts on particles.</summary>
public enum BirthDeathMode
{
    /// <summary>Weights: masses follow dM/dt = −α (J − J̄) M inside the stepper, renormalised to the previous total each step.</summary>
    Deterministic,
    /// <summary>Equal-mass particles killed and cloned at random (Rotskoff et al.): see <see cref="StochasticBirthDeath"/>.</summary>
    Stochastic,
}

namespace SphereFlow.Flows;

/// <summary>The flows of the WFR family.</summary>
public enum FlowKind
{
    /// <summary>Wasserstein–Fisher–Rao / lifted flow: ∂_t ν = −α ν J + β div_s(ν ∇_s J).</summary>
    Wfr,
    /// <summary>Wasserstein flow on the sphere (α = 0): mass is conserved.</summary>
    Wasserstein,
    /// <summary>Birth–death (Rotskoff et al.): ∂_t ν = β div_s(ν ∇_s J) − α (J − J̄) ν; mass is conserved.</summary>
    BirthDeath,
}

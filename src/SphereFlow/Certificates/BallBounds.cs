using SphereFlow.Features;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Certificates;

/// <summary>
/// The rigorous ball lower bound of J(·|ν) for an objective, where one is derived: data objectives with the relu, relu-bias,
/// vonmises and dirichlet maps and the square or logistic loss, the fixed linear potential, and the Gaussian population
/// (arc-cosine) objective. Anything else has none, and its min J can only be estimated.
/// </summary>
public static class BallBounds
{
    /// <summary>The bound at ν for <paramref name="lin"/> = objective.Linearize(ν), or null when none is derived.</summary>
    public static IBallLowerBound? Create(IObjective objective, Measure nu, Linearization lin)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(nu);
        switch (objective)
        {
            case LinearPotential p:
                return new LinearPotentialBallBound(p);
            case GaussianPopulationObjective g:
                return new ArcCosinePopulationBallBound(g, nu);
            case NetworkObjective o when lin is NetworkLinearization nl:
                double? lossLip = LossLipschitz(o);
                if (lossLip is not { } ll) return null;
                int m = nu.Count;
                double mass = nu.TotalMass;
                return o.Features switch
                {
                    ReluFeatures => new ReluBallBound(o.Data, nl.Residual, o.Lambda, false, ll, m, mass),
                    ReluBiasFeatures => new ReluBallBound(o.Data, nl.Residual, o.Lambda, true, ll, m, mass),
                    VonMisesFeatures v => new VonMisesBallBound(o.Data, nl.Residual, o.Lambda, v.Kappa, ll, m, mass),
                    DirichletFeatures d => new DirichletBallBound(o.Data, nl.Residual, o.Lambda, d.Cutoff, ll, m, mass),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>Whether <see cref="Create"/> derives a bound for this objective (without linearising it).</summary>
    public static bool Supports(IObjective objective) => objective switch
    {
        LinearPotential or GaussianPopulationObjective => true,
        NetworkObjective o => LossLipschitz(o) is not null && o.Features is ReluFeatures or ReluBiasFeatures or VonMisesFeatures or DirichletFeatures,
        _ => false,
    };

    /// <summary>L_ℓ, the Lipschitz constant in h of ∂₁ℓ(h, y) over the data: 1 for the square loss, max_i y_i²/4 for the logistic loss.</summary>
    public static double? LossLipschitz(NetworkObjective objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return objective.Loss.Name switch
        {
            "square" => 1.0,
            "logistic" => objective.Data.Y.Max(y => y * y) / 4,
            _ => null,
        };
    }
}

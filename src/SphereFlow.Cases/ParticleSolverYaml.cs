using SphereFlow.Flows;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.Particles;

namespace SphereFlow.Cases;

/// <summary>
/// <c>solver: {kind: particles, m, init, stepper, tolerance}</c> ⇄ <see cref="ParticleSolverSpec"/>, plus for
/// <c>flow.kind: birth-death</c> <c>birth_death: deterministic|stochastic</c> (default deterministic),
/// <c>birth_death_until: T</c> (default: never off) and <c>seed</c> (stochastic draws).
/// </summary>
public static class ParticleSolverYaml
{
    /// <summary>Solver keys of birth–death particles.</summary>
    public static readonly string[] BirthDeathKeys = ["birth_death", "birth_death_until", "seed"];

    /// <summary>Reads the solver node.</summary>
    public static ParticleSolverSpec Read(CaseNode node, SolverContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        string stepper = node.Choice("stepper", ParticleSteppers.Names, "rk4");
        double tol = node.Number("tolerance", 1e-8, min: 0, minExclusive: true);
        var initNode = node.Child("init");
        var (init, m) = ParticleInitYaml.Read(initNode, node, context.AmbientDim);
        initNode.RejectUnknown();
        BirthDeathSpec? bd = null;
        if (context.Flow.Kind != FlowKind.BirthDeath)
        {
            foreach (var key in BirthDeathKeys)
                if (node.Has(key)) throw node.Error(key, "applies to flow.kind: birth-death only");
        }
        else
        {
            var mode = node.Choice("birth_death", ["deterministic", "stochastic"], "deterministic") == "stochastic"
                ? BirthDeathMode.Stochastic : BirthDeathMode.Deterministic;
            double until = node.Has("birth_death_until") ? node.Number("birth_death_until", min: 0) : double.PositiveInfinity;
            bd = new BirthDeathSpec(mode, until, node.Integer("seed", 1));
        }
        return new ParticleSolverSpec { Dt = context.Dt, TEnd = context.TEnd, M = m, Init = init, Stepper = stepper, Tolerance = tol, BirthDeath = bd };
    }

    /// <summary>Writes the specification's keys.</summary>
    public static void Write(ParticleSolverSpec spec, Dictionary<string, object?> node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(node);
        node["stepper"] = spec.Stepper;
        node["tolerance"] = spec.Tolerance;
        ParticleInitYaml.Write(spec.Init, spec.M, node);
        if (spec.BirthDeath is { } bd)
        {
            node["birth_death"] = BirthDeathSpec.Name(bd.Mode);
            if (!double.IsPositiveInfinity(bd.Until)) node["birth_death_until"] = bd.Until;
            node["seed"] = bd.Seed;
        }
    }
}

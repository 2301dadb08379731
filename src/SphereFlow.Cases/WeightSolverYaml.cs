using SphereFlow.Solvers.Weights;

namespace SphereFlow.Cases;

/// <summary><c>solver: {kind: weights, m, init, stepper: euler | rk4 | adaptive, tolerance}</c> (the w-flow) ⇄ <see cref="WeightSolverSpec"/>.</summary>
public static class WeightSolverYaml
{
    /// <summary>Reads the solver node.</summary>
    public static WeightSolverSpec Read(CaseNode node, SolverContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        string stepper = node.Choice("stepper", WeightSteppers.Names, "rk4");
        double tol = node.Number("tolerance", 1e-8, min: 0, minExclusive: true);
        var initNode = node.Child("init");
        var (init, m) = ParticleInitYaml.Read(initNode, node, context.AmbientDim);
        initNode.RejectUnknown();
        return new WeightSolverSpec { Dt = context.Dt, TEnd = context.TEnd, M = m, Init = init, Stepper = stepper, Tolerance = tol };
    }

    /// <summary>Writes the specification's keys.</summary>
    public static void Write(WeightSolverSpec spec, Dictionary<string, object?> node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(node);
        node["stepper"] = spec.Stepper;
        node["tolerance"] = spec.Tolerance;
        ParticleInitYaml.Write(spec.Init, spec.M, node);
    }
}

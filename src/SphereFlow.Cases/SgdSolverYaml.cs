using SphereFlow.Solvers.Weights;

namespace SphereFlow.Cases;

/// <summary><c>solver: {kind: sgd, m, init, batch, seed, input_step_scale}</c> (online SGD; <c>dt</c> is the learning rate γ) ⇄ <see cref="SgdSolverSpec"/>.</summary>
public static class SgdSolverYaml
{
    /// <summary>Reads the solver node.</summary>
    public static SgdSolverSpec Read(CaseNode node, SolverContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        int batch = node.Integer("batch", 100, min: 1, max: 10_000_000);
        int seed = node.Integer("seed", 1);
        double inputStepScale = node.Number("input_step_scale", 1, min: 0, minExclusive: true);
        var initNode = node.Child("init");
        var (init, m) = ParticleInitYaml.Read(initNode, node, context.AmbientDim);
        initNode.RejectUnknown();
        return new SgdSolverSpec { Dt = context.Dt, TEnd = context.TEnd, M = m, Init = init, Batch = batch, Seed = seed, InputStepScale = inputStepScale };
    }

    /// <summary>Writes the specification's keys.</summary>
    public static void Write(SgdSolverSpec spec, Dictionary<string, object?> node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(node);
        node["batch"] = spec.Batch;
        node["seed"] = spec.Seed;
        node["input_step_scale"] = spec.InputStepScale;
        ParticleInitYaml.Write(spec.Init, spec.M, node);
    }
}

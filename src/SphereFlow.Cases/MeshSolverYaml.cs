using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Cases;

/// <summary><c>solver: {kind: mesh, mesh: {kind, level | cells}, stepper, init: {...}, cfl, order, limiter}</c> ⇄ <see cref="MeshSolverSpec"/>.</summary>
public static class MeshSolverYaml
{
    /// <summary>Reads the solver node.</summary>
    public static MeshSolverSpec Read(CaseNode node, SolverContext context)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(context);
        var meshNode = node.Child("mesh");
        var mesh = MeshSpecYaml.Read(meshNode, context.AmbientDim - 1);
        meshNode.RejectUnknown();
        string stepper = node.Choice("stepper", MeshSteppers.Names, MeshSteppers.Default);
        double cfl = node.Number("cfl", 0.9, min: 0, max: 1, minExclusive: true);
        int order = node.Integer("order", 1, min: 1, max: 2);
        SlopeLimiter? limiter = order == 2 ? SlopeLimiters.Parse(node.Choice("limiter", ["minmod", "vanleer"], "vanleer")) : null;
        if (order == 1 && node.Has("limiter")) throw node.Error("limiter", "only used with order: 2");
        var initNode = node.Child("init");
        var init = MeshDensityYaml.Read(initNode, context.AmbientDim);
        initNode.RejectUnknown();
        return new MeshSolverSpec { Dt = context.Dt, TEnd = context.TEnd, Mesh = mesh, Init = init, Stepper = stepper, Cfl = cfl, Order = order, Limiter = limiter };
    }

    /// <summary>Writes the specification's keys.</summary>
    public static void Write(MeshSolverSpec spec, Dictionary<string, object?> node)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(node);
        node["mesh"] = MeshSpecYaml.Write(spec.Mesh);
        node["stepper"] = spec.Stepper;
        node["cfl"] = spec.Cfl;
        node["order"] = spec.Order;
        if (spec.Order == 2) node["limiter"] = SlopeLimiters.Name(spec.ResolvedLimiter);
        node["init"] = MeshDensityYaml.Write(spec.Init);
    }
}

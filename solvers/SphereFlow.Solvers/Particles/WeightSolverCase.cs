using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// Reads <c>solver: {kind: weights, m, init, stepper: euler|rk4}</c> (the w-flow) and
/// <c>solver: {kind: sgd, m, init, batch, seed}</c> (online SGD; <c>dt</c> is the learning rate γ). Initial weights
/// come from the initial measure, w_j = √(m M_j) η_j.
/// </summary>
public static class WeightSolverCase
{
    /// <summary>Builds the w-flow solver.</summary>
    public static ISolver Weights(CaseNode node, Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(problem);
        string stepper = node.Choice("stepper", WeightSolver.Steppers, "rk4");
        var init = node.Child("init");
        var initial = ParticleSolverCase.ReadInit(init, node, problem.AmbientDim);
        init.RejectUnknown();
        return new WeightSolver(problem.Functional, flow, initial, stepper);
    }

    /// <summary>Builds the online SGD solver (teacher data only).</summary>
    public static ISolver Sgd(CaseNode node, Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(problem);
        var teacher = problem.Teacher ?? throw node.Error("kind", "sgd draws fresh samples from a teacher: problem.data.kind must be teacher");
        int batch = node.Integer("batch", 100, min: 1, max: 10_000_000);
        int seed = node.Integer("seed", 1);
        double inputStepScale = node.Number("input_step_scale", 1, min: 0, minExclusive: true);
        var init = node.Child("init");
        var initial = ParticleSolverCase.ReadInit(init, node, problem.AmbientDim);
        init.RejectUnknown();
        return new SgdSolver(problem.Functional, flow, initial, teacher, problem.Features, problem.Loss, problem.Lambda, batch, seed, inputStepScale);
    }
}

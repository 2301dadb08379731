using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Particles;

namespace SphereFlow.Solvers.Simulation;

/// <summary>Registry of solver kinds for <c>solver.kind</c>: each reads its own keys from the solver node.</summary>
public static class SolverKinds
{
    private static readonly Dictionary<string, Func<CaseNode, Problem, FlowSpec, ISolver>> Factories = new(StringComparer.Ordinal)
    {
        ["particles"] = ParticleSolverCase.FromCase,
        ["weights"] = WeightSolverCase.Weights,
        ["sgd"] = WeightSolverCase.Sgd,
        ["mesh"] = MeshSolverCase.FromCase,
    };

    /// <summary>All registered names.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Builds the solver of a kind.</summary>
    public static ISolver Create(string kind, CaseNode node, Problem problem, FlowSpec flow) => Factories[kind](node, problem, flow);
}

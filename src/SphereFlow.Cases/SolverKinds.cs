using SphereFlow.Flows;
using SphereFlow.Registries;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Cases;

/// <summary>What a solver reader knows besides its own keys: the problem's ambient dimension, the flow, Δt and t_end.</summary>
/// <param name="AmbientDim">d + 1 of the problem.</param>
/// <param name="Flow">The flow.</param>
/// <param name="Dt">solver.dt.</param>
/// <param name="TEnd">solver.t_end.</param>
public sealed record SolverContext(int AmbientDim, FlowSpec Flow, double Dt, double TEnd);

/// <summary>One registered solver kind of <c>solver.kind</c>: its reader and writer of the solver keys besides kind, dt and t_end.</summary>
/// <param name="Name">Case-file name.</param>
/// <param name="Description">One line on what it solves.</param>
/// <param name="SpecType">The specification type it reads and writes.</param>
/// <param name="Read">Reads the solver node into a specification (the caller rejects unknown keys of the node).</param>
/// <param name="Write">Writes a specification's own keys into the solver mapping.</param>
public sealed record SolverKind(string Name, string Description, Type SpecType, Func<CaseNode, SolverContext, SolverSpec> Read,
                                Action<SolverSpec, Dictionary<string, object?>> Write) : IRegistration
{
    /// <summary>A kind reading and writing <typeparamref name="TSpec"/>.</summary>
    public static SolverKind Of<TSpec>(string name, string description, Func<CaseNode, SolverContext, TSpec> read, Action<TSpec, Dictionary<string, object?>> write)
        where TSpec : SolverSpec =>
        new(name, description, typeof(TSpec), read, (spec, map) => write((TSpec)spec, map));
}

/// <summary>Registry of solver kinds for <c>solver.kind</c>; a new solver is one specification, one reader/writer and one line here.</summary>
public static class SolverKinds
{
    /// <summary>All registered kinds, in the order <c>solver.kind</c> lists them.</summary>
    public static Registry<SolverKind> All { get; } = new("solver kind",
    [
        SolverKind.Of("particles", "Lagrangian particles (M_j, η_j), with birth–death for flow.kind: birth-death", ParticleSolverYaml.Read, ParticleSolverYaml.Write),
        SolverKind.Of("weights", "the w-flow of the network weights (lifted flow only)", WeightSolverYaml.Read, WeightSolverYaml.Write),
        SolverKind.Of("sgd", "online SGD on the network weights with fresh teacher batches", SgdSolverYaml.Read, SgdSolverYaml.Write),
        SolverKind.Of("mesh", "Eulerian finite volumes on a mesh of S^d", MeshSolverYaml.Read, MeshSolverYaml.Write),
    ]);

    /// <summary>All registered names.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>The kind of a name.</summary>
    public static SolverKind Get(string name) => All.Get(name);

    /// <summary>The kind that writes <paramref name="spec"/>.</summary>
    public static SolverKind For(SolverSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return All.FirstOrDefault(k => k.SpecType == spec.GetType())
               ?? throw new ArgumentException($"no case-file form for solver specification {spec.GetType().Name}");
    }
}

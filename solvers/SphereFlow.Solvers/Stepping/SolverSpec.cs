using SphereFlow.Flows;
using SphereFlow.Problems;

namespace SphereFlow.Solvers.Stepping;

/// <summary>
/// An immutable description of a solver (the <c>solver:</c> section of a case file, without YAML): its kind, its
/// step Δt (a cap for solvers that choose their own steps) and final time, and per kind the discretisation and the
/// initial measure. <see cref="Build"/> makes the solver at its initial state for a problem and a flow. Studies derive
/// runs with <c>spec with { … }</c>. Errors are <see cref="IO.SpecException"/>s keyed relative to <c>solver</c>
/// (e.g. <c>init.mesh.kind</c>), or plain <see cref="ArgumentException"/>s for the solver as a whole.
/// </summary>
public abstract record SolverSpec
{
    /// <summary>Largest step Δt (<c>solver.dt</c>; the learning rate for SGD).</summary>
    public required double Dt { get; init; }

    /// <summary>Final time (<c>solver.t_end</c>).</summary>
    public required double TEnd { get; init; }

    /// <summary>Case-file name of the kind (<c>solver.kind</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Builds the solver for <paramref name="problem"/> and <paramref name="flow"/>.</summary>
    public abstract ISolver Build(Problem problem, FlowSpec flow);

    /// <summary>Atoms of the solver's measure in R^<paramref name="ambientDim"/> (particles, neurons, cells), estimated before it is built; null when unknown.</summary>
    public virtual double? Atoms(int ambientDim) => null;

    /// <summary>The memory the solver will need, term by term, estimated before it is built (<see cref="Resources.MemoryModel"/>); empty when unknown.</summary>
    public virtual IEnumerable<Resources.MemoryTerm> Memory(Resources.MemoryContext context) => [];
}

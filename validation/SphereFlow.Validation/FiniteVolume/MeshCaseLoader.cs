using SphereFlow.Cases;
using SphereFlow.Problems;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Validation.FiniteVolume;

/// <summary>A mesh case file read through <see cref="CaseReader"/> (problem, flow, solver, dt, t_end).</summary>
public sealed record MeshCase(Problem Problem, FlowSpec Flow, MeshSolver Solver, double Dt, double TEnd)
{
    /// <summary>Loads a case whose <c>solver.kind</c> is <c>mesh</c>, with <c>--set</c>-style overrides.</summary>
    public static MeshCase Load(string path, params string[] overrides)
    {
        var c = CaseReader.Load(path, overrides);
        if (c.Solver is not MeshSolver solver) throw new InputException($"{path}: solver.kind: expected a mesh case");
        return new MeshCase(c.Problem, c.Flow, solver, c.Options.Dt, c.Options.TEnd);
    }
}

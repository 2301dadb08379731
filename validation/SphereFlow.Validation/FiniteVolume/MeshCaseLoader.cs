using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Validation.FiniteVolume;

/// <summary>A mesh case file read directly through <see cref="MeshSolverCase"/> (problem, flow, solver, dt, t_end).</summary>
public sealed record MeshCase(Problem Problem, FlowSpec Flow, MeshSolver Solver, double Dt, double TEnd)
{
    /// <summary>Loads a case whose <c>solver.kind</c> is <c>mesh</c>, with <c>--set</c>-style overrides.</summary>
    public static MeshCase Load(string path, params string[] overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var tree = CaseYaml.Load(path);
        foreach (var s in overrides) CaseYaml.Set(path, tree, s);
        var root = new CaseNode(path, "", tree);
        var problem = ProblemReader.Read(root.Child("problem"));
        var flow = FlowReader.Read(root.Child("flow"));
        var sn = root.Child("solver");
        if (sn.String("kind") != "mesh") throw sn.Error("kind", "expected a mesh case");
        double dt = sn.Number("dt", min: 0, minExclusive: true), tEnd = sn.Number("t_end", min: 0);
        MeshSolver solver;
        try { solver = (MeshSolver)MeshSolverCase.FromCase(sn, problem, flow); }
        catch (ArgumentException e) { throw new InputException($"{path}: solver: {e.Message}", e); }
        sn.RejectUnknown();
        return new MeshCase(problem, flow, solver, dt, tEnd);
    }
}

using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Loads bundled mesh cases through <see cref="MeshSolverCase"/> (independently of the solver registry).</summary>
internal static class MeshCaseFiles
{
    public static string CasePath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "validation", "cases"))) dir = dir.Parent;
        return dir is null ? throw new FileNotFoundException("validation/cases not found above the test binaries") : Path.Combine(dir.FullName, "validation", "cases", name);
    }

    public static (Problem Problem, FlowSpec Flow, MeshSolver Solver, double Dt, double TEnd) Load(string path, params string[] overrides)
    {
        var tree = CaseYaml.Load(path);
        foreach (var s in overrides) CaseYaml.Set(path, tree, s);
        var root = new CaseNode(path, "", tree);
        var problem = ProblemReader.Read(root.Child("problem"));
        var flow = FlowReader.Read(root.Child("flow"));
        var sn = root.Child("solver");
        Assert.Equal("mesh", sn.String("kind"));
        double dt = sn.Number("dt"), tEnd = sn.Number("t_end");
        var solver = (MeshSolver)MeshSolverCase.FromCase(sn, problem, flow);
        sn.RejectUnknown();
        return (problem, flow, solver, dt, tEnd);
    }
}

using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cases;

/// <summary>
/// Reads a case file into a <see cref="CaseSpec"/> and builds it (<see cref="SimulationCase"/>). Every error is an
/// <see cref="InputException"/> naming the file and the dotted key: reading errors from <see cref="CaseNode"/>,
/// building errors from the specifications' <see cref="SpecException"/> keys prefixed with their section.
/// </summary>
public static class CaseReader
{
    /// <summary>Loads a case file with <c>--set key=value</c> overrides.</summary>
    public static SimulationCase Load(string path, IEnumerable<string>? overrides = null)
    {
        var tree = CaseYaml.Load(path);
        foreach (var s in overrides ?? []) CaseYaml.Set(path, tree, s);
        return FromTree(path, tree);
    }

    /// <summary>Reads a case file with <c>--set key=value</c> overrides into its specification and built problem, without building the solver (studies derive runs from it with <c>with { … }</c>).</summary>
    public static (CaseSpec Spec, Problems.Problem Problem) LoadSpec(string path, IEnumerable<string>? overrides = null)
    {
        var tree = CaseYaml.Load(path);
        foreach (var s in overrides ?? []) CaseYaml.Set(path, tree, s);
        return ReadSpec(path, tree);
    }

    /// <summary>Reads and builds a case from a parsed tree.</summary>
    public static SimulationCase FromTree(string path, Dictionary<string, object?> tree)
    {
        var (spec, problem) = ReadSpec(path, tree);
        return Build(path, "solver", () => spec.Build(problem));
    }

    /// <summary>Reads the specification of a parsed tree and builds its problem (errors name the file and key).</summary>
    public static (CaseSpec Spec, Problems.Problem Problem) ReadSpec(string path, Dictionary<string, object?> tree)
    {
        var root = new CaseNode(path, "", tree);
        var problemSpec = ProblemYaml.Read(root.Child("problem"));
        var problem = Build(path, "problem", problemSpec.Build);
        var flow = FlowYaml.Read(root.Child("flow"));
        var sn = root.Child("solver");
        string kind = sn.Choice("kind", SolverKinds.Names, "particles");
        double dt = sn.Number("dt", min: 0, minExclusive: true);
        double tEnd = sn.Number("t_end", min: 0);
        var solver = SolverKinds.Get(kind).Read(sn, new SolverContext(problem.AmbientDim, flow, dt, tEnd));
        sn.RejectUnknown();
        var output = OutputYaml.Read(root.Child("output"), problem.AmbientDim);
        SweepSpec? sweep = null;
        if (root.Has("sweep"))
        {
            var sweepNode = root.Child("sweep");
            sweep = SweepYaml.Read(sweepNode);
            sweepNode.RejectUnknown();
        }
        root.RejectUnknown();
        var spec = new CaseSpec(problemSpec, flow, solver, output) { Sweep = sweep };
        if (sweep is not null) Build(path, "sweep", () => { sweep.Validate(spec); return 0; });
        return (spec, problem);
    }

    /// <summary>Runs <paramref name="build"/>; a <see cref="SpecException"/> becomes "file: section.key: message", any other <see cref="ArgumentException"/> "file: section: message" (<c>problem</c> errors without a key concern its data).</summary>
    public static T Build<T>(string path, string section, Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try { return build(); }
        catch (SpecException e) { throw new InputException($"{path}: {(e.Key.Length == 0 ? section : $"{section}.{e.Key}")}: {e.Message}", e); }
        catch (ArgumentException e) { throw new InputException($"{path}: {section}: {e.Message}", e); }
    }
}

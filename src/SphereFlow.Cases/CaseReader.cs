using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cases;

/// <summary>
/// A case read and checked but not yet built: its specification and what sizing it needs (ambient dimension, data points,
/// input dimension), so that its cost can be estimated (<see cref="Estimate"/>) before anything large is allocated.
/// </summary>
/// <param name="Path">The case file (for messages).</param>
/// <param name="Spec">The specification.</param>
/// <param name="AmbientDim">d + 1 of the problem.</param>
/// <param name="DataPoints">Data points n.</param>
/// <param name="InputDim">Input dimension k of the data.</param>
public sealed record CaseDraft(string Path, CaseSpec Spec, int AmbientDim, long DataPoints, int InputDim)
{
    /// <summary>The resource estimate (memory, steps, snapshots).</summary>
    public ResourceEstimate Estimate() => ResourceEstimate.For(Spec, AmbientDim, DataPoints, InputDim);

    /// <summary>Builds the case (problem data, solver at its initial state); errors name the file and key.</summary>
    public SimulationCase Build()
    {
        var problem = CaseReader.Build(Path, "problem", Spec.Problem.Build);
        return CaseReader.Build(Path, "solver", () => Spec.Build(problem));
    }
}

/// <summary>
/// Reads a case file into a <see cref="CaseSpec"/> and builds it (<see cref="SimulationCase"/>). Every error is an
/// <see cref="InputException"/> naming the file and the dotted key: reading errors from <see cref="CaseNode"/>,
/// building errors from the specifications' <see cref="SpecException"/> keys prefixed with their section. Every key is
/// read and checked before anything is built, so limits (<see cref="ResourceLimits"/>) apply before any allocation.
/// </summary>
public static class CaseReader
{
    /// <summary>Loads a case file with <c>--set key=value</c> overrides; with <paramref name="limits"/>, refuses a case that breaks them before building it.</summary>
    public static SimulationCase Load(string path, IEnumerable<string>? overrides = null, ResourceLimits? limits = null)
    {
        var draft = Read(path, overrides);
        limits?.Check(draft.Estimate(), path);
        return draft.Build();
    }

    /// <summary>Reads and checks a case file with overrides, without building it.</summary>
    public static CaseDraft Read(string path, IEnumerable<string>? overrides = null)
    {
        var tree = CaseYaml.Load(path);
        foreach (var s in overrides ?? []) CaseYaml.Set(path, tree, s);
        return ReadTree(path, tree);
    }

    /// <summary>Reads and builds a case from a parsed tree.</summary>
    public static SimulationCase FromTree(string path, Dictionary<string, object?> tree) => ReadTree(path, tree).Build();

    /// <summary>Reads and checks a case from a parsed tree, without building it.</summary>
    public static CaseDraft ReadTree(string path, Dictionary<string, object?> tree)
    {
        var root = new CaseNode(path, "", tree);
        var problemSpec = ProblemYaml.Read(root.Child("problem"));
        // The data's size and the sphere's dimension, without building the data (a CSV is read for its header and rows only).
        var (points, inputDim) = Build(path, "problem", () => IO.SpecException.Within("data", () => problemSpec.Data.Shape(problemSpec)));
        int ambientDim = Build(path, "problem", () => IO.SpecException.Within("data", () => problemSpec.CreateFeatures(inputDim).AmbientDim));
        var flow = FlowYaml.Read(root.Child("flow"));
        var sn = root.Child("solver");
        string kind = sn.Choice("kind", SolverKinds.Names, "particles");
        double dt = sn.Number("dt", min: 0, minExclusive: true);
        double tEnd = sn.Number("t_end", min: 0);
        var solver = SolverKinds.Get(kind).Read(sn, new SolverContext(ambientDim, flow, dt, tEnd));
        sn.RejectUnknown();
        var output = OutputYaml.Read(root.Child("output"), ambientDim);
        var stop = StopYaml.Read(root.Child("stop"));
        SweepSpec? sweep = null;
        if (root.Has("sweep"))
        {
            var sweepNode = root.Child("sweep");
            sweep = SweepYaml.Read(sweepNode);
            sweepNode.RejectUnknown();
        }
        root.RejectUnknown();
        var spec = new CaseSpec(problemSpec, flow, solver, output) { Stop = stop, Sweep = sweep };
        if (sweep is not null) Build(path, "sweep", () => { sweep.Validate(spec); return 0; });
        return new CaseDraft(path, spec, ambientDim, points, inputDim);
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

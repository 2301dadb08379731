using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cases;

/// <summary>
/// Writes a <see cref="CaseSpec"/> as a case file (every value, defaults included, in the order the reader reads them):
/// <c>case.resolved.yaml</c> of every run, and the case of every run a study derives with <c>with { … }</c>. Reading the
/// text back gives the same specification.
/// </summary>
public static class CaseWriter
{
    /// <summary>The case file text of a built case (defaults that depend on the problem resolved).</summary>
    public static string Write(SimulationCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return CaseYaml.Write(Tree(c.Spec, c.Problem.AmbientDim));
    }

    /// <summary>The case file text of a specification (<paramref name="ambientDim"/> resolves problem-dependent defaults; without it they are left to the reader).</summary>
    public static string Write(CaseSpec spec, int? ambientDim = null) => CaseYaml.Write(Tree(spec, ambientDim));

    /// <summary>The tree of sections problem, flow, solver, output (and sweep, when the case has one).</summary>
    public static Dictionary<string, object?> Tree(CaseSpec spec, int? ambientDim = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var solver = YamlTree.Map();
        solver["kind"] = spec.Solver.Kind;
        solver["dt"] = spec.Solver.Dt;
        solver["t_end"] = spec.Solver.TEnd;
        SolverKinds.For(spec.Solver).Write(spec.Solver, solver);
        var root = YamlTree.Map();
        root["problem"] = ProblemYaml.Write(spec.Problem);
        root["flow"] = FlowYaml.Write(spec.Flow);
        root["solver"] = solver;
        root["output"] = OutputYaml.Write(spec.Output, ambientDim);
        if (spec.Sweep is not null) root["sweep"] = SweepYaml.Write(spec.Sweep);
        if (StopYaml.Write(spec.Stop) is { } stop) root["stop"] = stop;
        return root;
    }

    /// <summary>
    /// The keys that fix a run's trajectory, flattened to dotted key → value text in writing order: every key of problem,
    /// flow and solver except <c>solver.t_end</c> (a resumed run may go further) and file paths (the data are compared by
    /// content, through the fingerprint's hash, so a moved data file still resumes). Stored in checkpoints, so that a resume
    /// names each key that differs (<see cref="Solvers.Output.CaseFingerprint"/>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> TrajectoryKeys(CaseSpec spec, int? ambientDim = null)
    {
        var tree = Tree(spec, ambientDim);
        var list = new List<KeyValuePair<string, string>>();
        foreach (var section in new[] { "problem", "flow", "solver" }) Flatten(section, tree[section], list);
        list.RemoveAll(kv => kv.Key == "solver.t_end" || kv.Key.EndsWith(".path", StringComparison.Ordinal));
        return list;
    }

    private static void Flatten(string key, object? value, List<KeyValuePair<string, string>> into)
    {
        if (value is Dictionary<string, object?> map)
        {
            foreach (var (k, v) in map) Flatten($"{key}.{k}", v, into);
            return;
        }
        into.Add(new(key, Text(value)));
    }

    private static string Text(object? value) => value switch
    {
        null => "~",
        double d => IO.NumberFormat.R(d),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        string t => t,
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };
}

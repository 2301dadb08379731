using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Solvers.Simulation;

/// <summary>A fully read case file: problem, flow, solver, simulation options and the resolved tree.</summary>
public sealed class SimulationCase
{
    private SimulationCase(string path, Problem problem, FlowSpec flow, ISolver solver, SimulationOptions options, Dictionary<string, object?> resolved)
    {
        Path = path; Problem = problem; Flow = flow; Solver = solver; Options = options; Resolved = resolved;
    }

    /// <summary>The case file.</summary>
    public string Path { get; }
    /// <summary>The problem.</summary>
    public Problem Problem { get; }
    /// <summary>The flow.</summary>
    public FlowSpec Flow { get; }
    /// <summary>The solver, at its initial state.</summary>
    public ISolver Solver { get; }
    /// <summary>Run options.</summary>
    public SimulationOptions Options { get; }
    /// <summary>Every value used, defaults included (written as case.resolved.yaml).</summary>
    public Dictionary<string, object?> Resolved { get; }

    /// <summary>Loads a case file with <c>--set</c> overrides; every error is an <see cref="InputException"/> naming file and key.</summary>
    public static SimulationCase Load(string path, IEnumerable<string>? overrides = null)
    {
        var tree = CaseYaml.Load(path);
        foreach (var s in overrides ?? []) CaseYaml.Set(path, tree, s);
        return FromTree(path, tree);
    }

    /// <summary>Builds a case from a parsed tree.</summary>
    public static SimulationCase FromTree(string path, Dictionary<string, object?> tree)
    {
        var root = new CaseNode(path, "", tree);
        var problem = ProblemReader.Read(root.Child("problem"));
        var flow = FlowReader.Read(root.Child("flow"));
        var sn = root.Child("solver");
        string kind = sn.Choice("kind", SolverKinds.Names, "particles");
        double dt = sn.Number("dt", min: 0, minExclusive: true);
        double tEnd = sn.Number("t_end", min: 0);
        ISolver solver;
        try { solver = SolverKinds.Create(kind, sn, problem, flow); }
        catch (ArgumentException e) { throw new InputException($"{path}: solver: {e.Message}", e); }
        sn.RejectUnknown();
        var on = root.Child("output");
        int every = on.Integer("every", 10, min: 1);
        // Probe points feed the estimate of min J (with local descents from the best of them); on S^1..S^3 the rigorous bound
        // searches the whole sphere anyway, and above that 64 probes keep the estimate cheap next to a step.
        int probes = on.Integer("probes", problem.AmbientDim <= 4 ? 2048 : 64, min: 0, max: 10_000_000);
        int boundCells = on.Integer("bound_cells", 200_000, min: 0, max: 100_000_000);
        double boundTolerance = on.Number("bound_tolerance", 1e-9, min: 0, minExclusive: true);
        double blowup = on.Number("blowup_factor", 10, min: 1);
        on.RejectUnknown();
        root.RejectUnknown();
        var probePoints = probes > 0 ? ParticleInitialMeasures.Stratified(problem.AmbientDim, probes, 1.0, 12345).Points : [];
        var options = new SimulationOptions { TEnd = tEnd, Dt = dt, OutputEvery = every, BlowupFactor = blowup, Lambda = problem.Lambda, Probes = probePoints,
                                         MinJ = new Certificates.MinJOptions { Bound = boundCells > 0, MaxCells = boundCells, RelativeTolerance = boundTolerance } };
        return new SimulationCase(path, problem, flow, solver, options, root.Resolved);
    }
}

using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// Reads <c>solver: {kind: mesh, mesh: {kind, level | cells}, stepper, init: {...}, cfl, order, limiter}</c>. The keys
/// <c>kind</c>, <c>dt</c> and <c>t_end</c> of the solver node are read by the caller, which also rejects unknown
/// keys of the solver node; the sub-nodes <c>mesh</c> and <c>init</c> are checked here.
/// </summary>
public static class MeshSolverCase
{
    /// <summary>Initial-density kinds.</summary>
    public static readonly string[] InitKinds = ["uniform", "vonmises", "csv", "from-particles"];

    /// <summary>Builds the finite-volume solver from the solver node.</summary>
    public static ISolver FromCase(CaseNode solverNode, Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(solverNode);
        ArgumentNullException.ThrowIfNull(problem);
        var meshNode = solverNode.Child("mesh");
        var mesh = ReadMesh(meshNode, problem.AmbientDim - 1);
        meshNode.RejectUnknown();
        string stepper = solverNode.Choice("stepper", MeshSteppers.Names, MeshSteppers.Default);
        double cfl = solverNode.Number("cfl", 0.9, min: 0, max: 1, minExclusive: true);
        int order = solverNode.Integer("order", 1, min: 1, max: 2);
        var limiter = order == 2 ? SlopeLimiters.Parse(solverNode.Choice("limiter", ["minmod", "vanleer"], "vanleer")) : SlopeLimiter.None;
        if (order == 1 && solverNode.Has("limiter")) throw solverNode.Error("limiter", "only used with order: 2");
        var initNode = solverNode.Child("init");
        var masses = ReadInit(initNode, mesh);
        initNode.RejectUnknown();
        return new MeshSolver(problem.Functional, flow, mesh, masses, MeshSteppers.Create(stepper),
                              new MeshSolverOptions { CflSafety = cfl, Limiter = limiter });
    }

    /// <summary>Builds the mesh of <c>solver.mesh</c> for S^d.</summary>
    public static SphereMesh ReadMesh(CaseNode node, int sphereDim)
    {
        ArgumentNullException.ThrowIfNull(node);
        var kinds = MeshKinds.ForDim(sphereDim).Select(k => k.Name).ToList();
        string kind = node.Choice("kind", kinds, kinds.First());
        if (kind == "uniform" && !node.Has("level"))
        {
            int cells = node.Integer("cells", 256, min: 3, max: 100_000_000);
            return UniformCircleMesh.Create(cells);
        }
        int level = node.Integer("level", min: 0, max: 12);
        try { return MeshKinds.Create(kind, sphereDim, level); }
        catch (ArgumentException e) { throw node.Error("kind", e.Message); }
    }

    /// <summary>Reads the initial cell masses of <c>solver.init</c>.</summary>
    public static double[] ReadInit(CaseNode node, SphereMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(mesh);
        string kind = node.Choice("kind", InitKinds, "uniform");
        try
        {
            switch (kind)
            {
                case "uniform":
                    return MeshInitialDensities.Uniform(mesh, node.Number("mass", 1.0, min: 0, minExclusive: true));
                case "vonmises":
                {
                    var rows = node.NumberRows("centers") ?? throw node.Error("centers", "missing (required): bump centres as unit vectors");
                    var weights = node.Numbers("weights") ?? Enumerable.Repeat(1.0 / rows.Length, rows.Length).ToArray();
                    if (weights.Length != rows.Length) throw node.Error("weights", $"{weights.Length} weights for {rows.Length} centres");
                    if (rows.Any(r => r.Length != mesh.AmbientDim)) throw node.Error("centers", $"each centre needs {mesh.AmbientDim} coordinates");
                    double kappa = node.Number("kappa", 10, min: 0);
                    return MeshInitialDensities.VonMises(mesh, rows.SelectMany(r => r).ToArray(), kappa, weights);
                }
                case "csv":
                    return MeshInitialDensities.FromCsv(mesh, node.ExistingFile("path"));
                default:
                {
                    Measure particles;
                    if (node.Has("path")) particles = MeasureCsv.Read(node.ExistingFile("path"), mesh.AmbientDim);
                    else
                    {
                        int m = node.Integer("m", min: 1, max: 100_000_000);
                        double mass = node.Number("mass", 1.0, min: 0, minExclusive: true);
                        int seed = node.Integer("seed", 1);
                        string sampling = node.Choice("sampling", ["uniform", "stratified"], "uniform");
                        particles = sampling == "uniform"
                            ? ParticleInitialMeasures.Uniform(mesh.AmbientDim, m, mass, seed)
                            : ParticleInitialMeasures.Stratified(mesh.AmbientDim, m, mass, seed);
                    }
                    return MeshInitialDensities.FromParticles(mesh, particles);
                }
            }
        }
        catch (ArgumentException e) { throw new InputException($"{node.File}: {node.Path}: {e.Message}", e); }
    }
}

using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// Reads <c>solver: {kind: particles, m, init, stepper, tolerance}</c>, plus for <c>flow.kind: birth-death</c>
/// <c>birth_death: deterministic|stochastic</c> (default deterministic), <c>birth_death_until: T</c> (default: never off) and
/// <c>seed</c> (stochastic draws).
/// </summary>
public static class ParticleSolverCase
{
    /// <summary>Initial-measure kinds for particles.</summary>
    public static readonly string[] InitKinds = ["uniform", "stratified", "csv", "from-mesh"];

    /// <summary>Solver keys of birth–death particles: <c>birth_death: deterministic|stochastic</c>, <c>birth_death_until: T</c>, <c>seed</c>.</summary>
    public static readonly string[] BirthDeathKeys = ["birth_death", "birth_death_until", "seed"];

    /// <summary>Builds the particle solver from the solver node (kind, dt and t_end are read by the caller).</summary>
    public static ISolver FromCase(CaseNode node, Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(problem);
        string stepperName = node.Choice("stepper", ParticleSteppers.Names, "rk4");
        double tol = node.Number("tolerance", 1e-8, min: 0, minExclusive: true);
        var init = node.Child("init");
        var initial = ReadInit(init, node, problem.AmbientDim);
        init.RejectUnknown();
        var stepper = ParticleSteppers.Create(stepperName, new ParticleStepperOptions(tol));
        if (flow.Kind != FlowKind.BirthDeath)
        {
            foreach (var key in BirthDeathKeys)
                if (node.Has(key)) throw node.Error(key, "applies to flow.kind: birth-death only");
            return new ParticleSolver(problem.Functional, flow, initial, stepper);
        }
        var mode = node.Choice("birth_death", ["deterministic", "stochastic"], "deterministic") == "stochastic"
            ? BirthDeathMode.Stochastic : BirthDeathMode.Deterministic;
        double until = node.Has("birth_death_until") ? node.Number("birth_death_until", min: 0) : double.PositiveInfinity;
        int seed = node.Integer("seed", 1);
        return new BirthDeathParticleSolver(problem.Functional, flow, initial, stepper, mode, until, seed);
    }

    /// <summary>
    /// Reads an initial particle measure (<c>init:</c>), m from the solver node. <c>kind: from-mesh</c> samples the m particles
    /// from a mesh density, so that a particle run and a mesh run start from the same ν₀:
    /// <c>init: {kind: from-mesh, mesh: {kind, level | cells}, density: {…same keys as the mesh solver's init…},
    /// placement: jitter | center, sampling: iid | stratified, seed}</c>.
    /// </summary>
    public static Measure ReadInit(CaseNode init, CaseNode solver, int dim)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(solver);
        string kind = init.Choice("kind", InitKinds, "uniform");
        if (kind == "csv")
        {
            var nu = MeasureCsv.Read(init.ExistingFile("path"), dim);
            if (solver.Has("m") && solver.Integer("m", min: 1) != nu.Count)
                throw solver.Error("m", $"does not match the {nu.Count} atoms of the initial-measure CSV");
            return nu;
        }
        int m = solver.Integer("m", min: 1, max: 100_000_000);
        if (kind == "from-mesh") return ReadFromMesh(init, m, dim);
        double mass = init.Number("mass", 1.0, min: 0, minExclusive: true);
        int seed = init.Integer("seed", 1);
        return kind == "uniform"
            ? ParticleInitialMeasures.Uniform(dim, m, mass, seed)
            : ParticleInitialMeasures.Stratified(dim, m, mass, seed);
    }

    private static Measure ReadFromMesh(CaseNode init, int m, int dim)
    {
        var meshNode = init.Child("mesh");
        var mesh = MeshSolverCase.ReadMesh(meshNode, dim - 1);
        meshNode.RejectUnknown();
        var densityNode = init.Child("density");
        var cellMass = MeshSolverCase.ReadInit(densityNode, mesh);
        densityNode.RejectUnknown();
        var placement = init.Choice("placement", ["jitter", "center"], "jitter") == "jitter"
            ? MeshSampledMeasure.Placement.Jitter : MeshSampledMeasure.Placement.Center;
        var sampling = init.Choice("sampling", ["iid", "stratified"], "iid") == "iid"
            ? MeshSampledMeasure.Sampling.Iid : MeshSampledMeasure.Sampling.Stratified;
        int seed = init.Integer("seed", 1);
        try { return MeshSampledMeasure.Sample(mesh, cellMass, m, placement, sampling, seed); }
        catch (ArgumentException e) { throw new InputException($"{init.File}: {init.Path}: {e.Message}", e); }
    }
}

using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Cases;

/// <summary>
/// <c>init:</c> of particle-type solvers ⇄ <see cref="ParticleInitSpec"/>; m is read from the solver node. <c>kind:
/// from-mesh</c> samples the particles from a mesh density: <c>init: {kind: from-mesh, mesh: {kind, level | cells}, density:
/// {…same keys as the mesh solver's init…}, placement: jitter | center, sampling: iid | stratified, seed}</c>; <c>kind:
/// unit-weights</c> is the paper's start (|a_j| = |b_j| = 1, random sign of a_j; <see cref="UnitWeightsParticleInit"/>).
/// </summary>
public static class ParticleInitYaml
{
    /// <summary>Initial-measure kinds for particles.</summary>
    public static readonly string[] Kinds = ["uniform", "stratified", "csv", "from-mesh", "unit-weights"];

    /// <summary>Reads the initial measure and the particle count m (null for a CSV without <c>solver.m</c>).</summary>
    public static (ParticleInitSpec Init, int? M) Read(CaseNode init, CaseNode solver, int ambientDim)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(solver);
        string kind = init.Choice("kind", Kinds, "uniform");
        if (kind == "csv")
        {
            var csv = new CsvParticleInit(init.ExistingFile("path"));
            return (csv, solver.Has("m") ? solver.Integer("m", min: 1) : null);
        }
        int m = solver.Integer("m", min: 1, max: 100_000_000);
        if (kind == "from-mesh") return (ReadFromMesh(init, ambientDim), m);
        if (kind == "unit-weights") return (new UnitWeightsParticleInit(init.Integer("seed", 1)), m);
        double mass = init.Number("mass", 1.0, min: 0, minExclusive: true);
        int seed = init.Integer("seed", 1);
        return (kind == "uniform" ? new UniformParticleInit(mass, seed) : new StratifiedParticleInit(mass, seed), m);
    }

    private static FromMeshParticleInit ReadFromMesh(CaseNode init, int ambientDim)
    {
        var meshNode = init.Child("mesh");
        var mesh = MeshSpecYaml.Read(meshNode, ambientDim - 1);
        meshNode.RejectUnknown();
        var densityNode = init.Child("density");
        var density = MeshDensityYaml.Read(densityNode, ambientDim);
        densityNode.RejectUnknown();
        var placement = init.Choice("placement", FromMeshParticleInit.Placements, "jitter") == "jitter"
            ? MeshSampledMeasure.Placement.Jitter : MeshSampledMeasure.Placement.Center;
        var sampling = init.Choice("sampling", FromMeshParticleInit.Samplings, "iid") == "iid"
            ? MeshSampledMeasure.Sampling.Iid : MeshSampledMeasure.Sampling.Stratified;
        int seed = init.Integer("seed", 1);
        return new FromMeshParticleInit(mesh, density, placement, sampling, seed);
    }

    /// <summary>Writes <c>init</c> and m into the solver mapping, in reading order (init, then m).</summary>
    public static void Write(ParticleInitSpec init, int? m, Dictionary<string, object?> solver)
    {
        ArgumentNullException.ThrowIfNull(init);
        ArgumentNullException.ThrowIfNull(solver);
        var t = YamlTree.Map();
        t["kind"] = init.Kind;
        switch (init)
        {
            case CsvParticleInit csv:
                t["path"] = csv.Path;
                break;
            case UniformParticleInit u:
                t["mass"] = u.Mass;
                t["seed"] = u.Seed;
                break;
            case StratifiedParticleInit s:
                t["mass"] = s.Mass;
                t["seed"] = s.Seed;
                break;
            case UnitWeightsParticleInit w:
                t["seed"] = w.Seed;
                break;
            case FromMeshParticleInit f:
                t["mesh"] = MeshSpecYaml.Write(f.Mesh);
                t["density"] = MeshDensityYaml.Write(f.Density);
                t["placement"] = f.Placement == MeshSampledMeasure.Placement.Jitter ? "jitter" : "center";
                t["sampling"] = f.Sampling == MeshSampledMeasure.Sampling.Iid ? "iid" : "stratified";
                t["seed"] = f.Seed;
                break;
            default:
                throw new ArgumentException($"no case-file form for initial measure kind '{init.Kind}'");
        }
        solver["init"] = t;
        if (m is { } count) solver["m"] = count;
    }
}

using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Cases;

/// <summary>
/// Initial cell masses (<c>solver.init</c> of the mesh solver, <c>init.density</c> of from-mesh particles) ⇄
/// <see cref="MeshDensitySpec"/>: <c>uniform {mass}</c> | <c>vonmises {centers: [[..]], kappa, weights}</c> |
/// <c>csv {path: cell,mass CSV}</c> | <c>from-particles {path | m, seed, sampling: uniform | stratified | unit-weights, mass}</c>
/// (unit-weights: the paper's start binned onto the mesh; its mass is 2).
/// </summary>
public static class MeshDensityYaml
{
    /// <summary>Initial-density kinds.</summary>
    public static readonly string[] Kinds = ["uniform", "vonmises", "csv", "from-particles"];

    /// <summary>Reads the density for a mesh in R^<paramref name="ambientDim"/>.</summary>
    public static MeshDensitySpec Read(CaseNode node, int ambientDim)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node.Choice("kind", Kinds, "uniform"))
        {
            case "uniform":
                return new UniformDensity(node.Number("mass", 1.0, min: 0, minExclusive: true));
            case "vonmises":
            {
                var rows = node.NumberRows("centers") ?? throw node.Error("centers", "missing (required): bump centres as unit vectors");
                var weights = node.Numbers("weights");
                if (weights is not null && weights.Length != rows.Length) throw node.Error("weights", $"{weights.Length} weights for {rows.Length} centres");
                if (rows.Any(r => r.Length != ambientDim)) throw node.Error("centers", $"each centre needs {ambientDim} coordinates");
                double kappa = node.Number("kappa", 10, min: 0);
                return new VonMisesDensity(rows, kappa, weights);
            }
            case "csv":
                return new CsvDensity(node.ExistingFile("path"));
            default:
            {
                if (node.Has("path")) return new FromParticlesDensity(new CsvParticleInit(node.ExistingFile("path")));
                int m = node.Integer("m", min: 1, max: 100_000_000);
                string sampling = node.Choice("sampling", ["uniform", "stratified", "unit-weights"], "uniform");
                int seed = node.Integer("seed", 1);
                if (sampling == "unit-weights") return new FromParticlesDensity(new UnitWeightsParticleInit(seed), m);
                double mass = node.Number("mass", 1.0, min: 0, minExclusive: true);
                ParticleInitSpec particles = sampling == "uniform" ? new UniformParticleInit(mass, seed) : new StratifiedParticleInit(mass, seed);
                return new FromParticlesDensity(particles, m);
            }
        }
    }

    /// <summary>The mapping.</summary>
    public static Dictionary<string, object?> Write(MeshDensitySpec density)
    {
        ArgumentNullException.ThrowIfNull(density);
        var t = YamlTree.Map();
        t["kind"] = density.Kind;
        switch (density)
        {
            case UniformDensity u:
                t["mass"] = u.Mass;
                break;
            case VonMisesDensity v:
                t["centers"] = YamlTree.Rows(v.Centers);
                if (v.Weights is not null) t["weights"] = YamlTree.Numbers(v.Weights);
                t["kappa"] = v.Kappa;
                break;
            case CsvDensity c:
                t["path"] = c.Path;
                break;
            case FromParticlesDensity { Particles: CsvParticleInit csv }:
                t["path"] = csv.Path;
                break;
            case FromParticlesDensity { Particles: UnitWeightsParticleInit w } unit:
                t["m"] = unit.M;
                t["sampling"] = w.Kind;
                t["seed"] = w.Seed;
                break;
            case FromParticlesDensity p:
                var (mass, seed) = p.Particles switch
                {
                    UniformParticleInit u2 => (u2.Mass, u2.Seed),
                    StratifiedParticleInit s => (s.Mass, s.Seed),
                    _ => throw new ArgumentException($"no case-file form for from-particles with '{p.Particles.Kind}' particles"),
                };
                t["m"] = p.M;
                t["mass"] = mass;
                t["seed"] = seed;
                t["sampling"] = p.Particles.Kind;
                break;
            default:
                throw new ArgumentException($"no case-file form for mesh density kind '{density.Kind}'");
        }
        return t;
    }
}

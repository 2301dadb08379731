using System.Text;
using SphereFlow.Features;
using SphereFlow.Losses;
using SphereFlow.Meshes;
using SphereFlow.Problems;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Weights;

namespace SphereFlow.Cases;

/// <summary>One documented case key: dotted key, type (with the allowed names of a choice), default and meaning.</summary>
/// <param name="Key">Dotted key.</param>
/// <param name="Type">The type(s) of its value.</param>
/// <param name="Choices">Allowed names of a choice (every context's, e.g. particle and mesh steppers), or null.</param>
/// <param name="Default">The default, in words where it depends on other keys ("" when required or when absence means off).</param>
/// <param name="Meaning">What it does.</param>
public sealed record CaseKey(string Key, KeyType Type, IReadOnlyList<string>? Choices, string Default, string Meaning)
{
    /// <summary>The type in words: "number", "one of a, b", "list of numbers", …</summary>
    public string TypeText
    {
        get
        {
            var parts = new List<string>();
            if (Type.HasFlag(KeyType.Choice)) parts.Add("one of " + string.Join(", ", Choices ?? []));
            if (Type.HasFlag(KeyType.Number)) parts.Add("number");
            if (Type.HasFlag(KeyType.Integer)) parts.Add("integer");
            if (Type.HasFlag(KeyType.Bool)) parts.Add("true or false");
            if (Type.HasFlag(KeyType.List)) parts.Add("list of numbers");
            if (Type.HasFlag(KeyType.Rows)) parts.Add("list of lists of numbers");
            if (Type.HasFlag(KeyType.Path)) parts.Add("file path");
            if (Type.HasFlag(KeyType.Mapping)) parts.Add("mapping");
            if (Type.HasFlag(KeyType.Text)) parts.Add("text");
            if (Type.HasFlag(KeyType.Names)) parts.Add("list of names");
            return string.Join(" or ", parts);
        }
    }
}

/// <summary>
/// Every case-file key with its type, default and meaning: the source of <c>sphereflow keys</c> and of the README's key table
/// (<see cref="Markdown"/>; a test checks the README holds exactly this table). Choices come from the registries; a test
/// reads a set of cases covering every branch of the readers (<see cref="CaseNode.Record"/>) and checks that the keys, types,
/// choices and defaults the readers apply are exactly the ones documented here.
/// </summary>
public static class CaseKeys
{
    private static readonly string[] ParticleInits = ParticleInitYaml.Kinds, MeshInits = MeshDensityYaml.Kinds;

    private static CaseKey K(string key, KeyType type, string @default, string meaning, IEnumerable<string>? choices = null) =>
        new(key, type, choices?.Distinct().ToList(), @default, meaning);

    /// <summary>All keys, in case-file order.</summary>
    public static IReadOnlyList<CaseKey> All { get; } =
    [
        K("problem", KeyType.Mapping, "", "the problem: data, feature map Ψ, loss ℓ, weight decay λ"),
        K("problem.features", KeyType.Choice, "", "feature map Ψ(η)(x) (required)", FeatureMaps.Names),
        K("problem.loss", KeyType.Choice, "square", "loss ℓ(h(x), y)", LossRegistry.Names),
        K("problem.lambda", KeyType.Number, "0", "weight decay λ ≥ 0 in J = Σ ω_i ∂₁ℓ Ψ(η)(x_i) + λ"),
        K("problem.kappa", KeyType.Number, "10", "concentration of the vonmises features"),
        K("problem.cutoff", KeyType.Integer, "4", "frequency cut-off of the dirichlet features"),
        K("problem.kernel", KeyType.Choice, "auto", "how sums over atoms and data are computed: the map's fastest exact kernel, or the O(m n) pairwise reference", ProblemYaml.KernelNames),
        K("problem.data", KeyType.Mapping, "", "the data (required)"),
        K("problem.data.kind", KeyType.Choice, "", "teacher–student data, a data CSV, or spikes observed through Ψ (required)", ProblemYaml.DataKinds),
        K("problem.data.path", KeyType.Path, "", "csv: the data file, header x0,…,x{k-1},y,weight"),
        K("problem.data.k", KeyType.Integer, "2", "teacher: input dimension k (the sphere is S^k for relu)"),
        K("problem.data.m0", KeyType.Integer, "4", "teacher: number of teacher neurons"),
        K("problem.data.seed", KeyType.Integer, "1", "teacher: seed of the teacher and the sample; deconvolution: seed of the noise"),
        K("problem.data.sampling", KeyType.Choice, "quadrature when k = 2, else montecarlo",
          "teacher: Gaussian inputs by angular quadrature (k = 2), a fixed Monte Carlo sample, or the closed-form population objective (relu + square; n points kept as a held-out sample)", TeacherDataSpec.SamplingModes),
        K("problem.data.n", KeyType.Integer, "teacher: 720 (quadrature), 10000 (montecarlo), 1000 (population); deconvolution: 64", "number of data points (observations)"),
        K("problem.data.neurons", KeyType.Rows, "", "teacher: the neurons as rows [a, b0, …, b{k-1}] (default: random from seed)"),
        K("problem.data.signs", KeyType.Choice, "alternate", "teacher: output signs of a random teacher, +1, −1, … or iid ±1 (the paper's notebook)", TeacherDataSpec.SignRules),
        K("problem.data.sphere", KeyType.Integer, "1", "deconvolution: the sphere S^1 or S^2 of the spikes"),
        K("problem.data.noise", KeyType.Number, "0", "deconvolution: standard deviation of Gaussian noise on the observations"),
        K("problem.data.weights", KeyType.List, "", "deconvolution: spike weights (required)"),
        K("problem.data.spikes", KeyType.List | KeyType.Rows, "", "deconvolution: spike angles on S^1, or unit vectors [x, y, z] on S^2 (required)"),
        K("flow", KeyType.Mapping, "", "the flow ∂_t ν = −α ν J + β div(ν ∇J) (birth-death: −α (J − J̄) ν)"),
        K("flow.kind", KeyType.Choice, "wfr", "Wasserstein–Fisher–Rao, Wasserstein (mass conserved) or birth–death", ["wfr", "wasserstein", "birth-death"]),
        K("flow.alpha", KeyType.Number, "4 (0 for wasserstein)", "reaction rate α (α = 4β is gradient flow of the network weights)"),
        K("flow.beta", KeyType.Number, "1", "transport rate β > 0"),
        K("solver", KeyType.Mapping, "", "the solver, its step and final time"),
        K("solver.kind", KeyType.Choice, "particles", "Lagrangian particles, the network's w-flow, online SGD, or finite volumes on a mesh", SolverKinds.Names),
        K("solver.dt", KeyType.Number, "", "time step Δt > 0 (the cap of adaptive and CFL-limited steps; SGD's learning rate γ) (required)"),
        K("solver.t_end", KeyType.Number, "", "final time (required)"),
        K("solver.m", KeyType.Integer, "", "particles, weights, sgd: number of particles (neurons) m (required, except with an init CSV)"),
        K("solver.stepper", KeyType.Choice, "rk4; mesh: " + MeshSteppers.Default,
          "time stepper: particles and weights euler | rk4 | adaptive (Dormand–Prince 5(4)); mesh lie | strang | ssprk3",
          [.. ParticleSteppers.Names, .. WeightSteppers.Names, .. MeshSteppers.Names]),
        K("solver.tolerance", KeyType.Number, "1e-08", "particles, weights: local error tolerance of stepper: adaptive"),
        K("solver.birth_death", KeyType.Choice, "deterministic", "particles with flow.kind: birth-death: deterministic weights, or Rotskoff et al.'s stochastic kill/clone", ["deterministic", "stochastic"]),
        K("solver.birth_death_until", KeyType.Number, "never off", "particles with flow.kind: birth-death: time after which birth–death stops"),
        K("solver.seed", KeyType.Integer, "1", "sgd: seed of the batches; stochastic birth–death: seed of the kills and clones"),
        K("solver.batch", KeyType.Integer, "100", "sgd: mini-batch size B"),
        K("solver.input_step_scale", KeyType.Number, "1", "sgd: factor on the input weights' step (1: mean-field)"),
        K("solver.mesh", KeyType.Mapping, "", "mesh: the mesh of S^d"),
        K("solver.mesh.kind", KeyType.Choice, "the first kind that meshes S^d (uniform on S^1, icosahedral on S^2, hyperspherical above)", "mesh kind", MeshKinds.Names),
        K("solver.mesh.level", KeyType.Integer, "", "mesh refinement level (required, except uniform with cells)"),
        K("solver.mesh.cells", KeyType.Integer, "256", "uniform (S^1) without a level: number of equal arcs"),
        K("solver.cfl", KeyType.Number, "0.9", "mesh: safety factor on the positivity (CFL) bound of Δt, in (0, 1]"),
        K("solver.order", KeyType.Integer, "1", "mesh: 1 first-order upwind, 2 limited MUSCL reconstruction"),
        K("solver.limiter", KeyType.Choice, "vanleer", "mesh with order: 2: slope limiter", ["minmod", "vanleer"]),
        K("solver.init", KeyType.Mapping, "", "the initial measure ν₀"),
        K("solver.init.kind", KeyType.Choice, "uniform",
          "particles: m iid uniform points, stratified points, a CSV measure, sampled from a mesh density, or the paper's start (unit-weights: |a_j| = |b_j| = 1, random sign of a_j, mass 2); mesh: uniform, a von Mises mixture, cell masses from a CSV, or the histogram of particles",
          [.. ParticleInits, .. MeshInits]),
        K("solver.init.mass", KeyType.Number, "1", "total mass of ν₀ (uniform, stratified, from-particles)"),
        K("solver.init.seed", KeyType.Integer, "1", "seed of the points (uniform, stratified, unit-weights, from-mesh, from-particles)"),
        K("solver.init.path", KeyType.Path, "", "csv: particles mass,eta0,…,eta{d}, or mesh cell masses cell,mass; from-particles: a particle CSV"),
        K("solver.init.centers", KeyType.Rows, "", "mesh vonmises: bump centres as unit vectors (required)"),
        K("solver.init.weights", KeyType.List, "equal", "mesh vonmises: weights of the bumps"),
        K("solver.init.kappa", KeyType.Number, "10", "mesh vonmises: concentration of the bumps"),
        K("solver.init.m", KeyType.Integer, "", "mesh from-particles: number of particles binned into the cells (required without path)"),
        K("solver.init.sampling", KeyType.Choice, "iid (from-mesh); uniform (from-particles)",
          "from-mesh: cells drawn independently or systematically; mesh from-particles: uniform or stratified particles, or the paper's unit-weights start (mass 2)", [.. FromMeshParticleInit.Samplings, "uniform", "stratified", "unit-weights"]),
        K("solver.init.placement", KeyType.Choice, "jitter", "from-mesh: particle uniform in its cell, or at its centre", FromMeshParticleInit.Placements),
        K("solver.init.mesh", KeyType.Mapping, "", "from-mesh: the mesh of the density (kind, level | cells)"),
        K("solver.init.mesh.kind", KeyType.Choice, "the first kind that meshes S^d (uniform on S^1, icosahedral on S^2, hyperspherical above)", "from-mesh: mesh kind", MeshKinds.Names),
        K("solver.init.mesh.level", KeyType.Integer, "", "from-mesh: mesh level (required, except uniform with cells)"),
        K("solver.init.mesh.cells", KeyType.Integer, "256", "from-mesh: arcs of a uniform mesh without a level"),
        K("solver.init.density", KeyType.Mapping, "uniform", "from-mesh: the density on that mesh (the keys of a mesh solver's init)"),
        K("solver.init.density.kind", KeyType.Choice, "uniform", "from-mesh: density kind", MeshInits),
        K("solver.init.density.mass", KeyType.Number, "1", "from-mesh: total mass"),
        K("solver.init.density.centers", KeyType.Rows, "", "from-mesh vonmises: bump centres"),
        K("solver.init.density.weights", KeyType.List, "equal", "from-mesh vonmises: bump weights"),
        K("solver.init.density.kappa", KeyType.Number, "10", "from-mesh vonmises: concentration"),
        K("solver.init.density.path", KeyType.Path, "", "from-mesh csv or from-particles: the file"),
        K("solver.init.density.m", KeyType.Integer, "", "from-mesh from-particles: particles binned"),
        K("solver.init.density.seed", KeyType.Integer, "1", "from-mesh from-particles: seed"),
        K("solver.init.density.sampling", KeyType.Choice, "uniform", "from-mesh from-particles: uniform or stratified particles, or the paper's unit-weights start", ["uniform", "stratified", "unit-weights"]),
        K("output", KeyType.Mapping, "", "what a run records"),
        K("output.every", KeyType.Integer, "10", "a series row and a checkpoint every this many steps (the first and last always)"),
        K("output.probes", KeyType.Integer, "2048 up to S^3, else 64", "stratified probe points for the estimate of min J"),
        K("output.bound_cells", KeyType.Integer, "200000", "cell budget of the rigorous lower bound of min J (0: estimate only)"),
        K("output.bound_tolerance", KeyType.Number, "1e-09", "relative tolerance at which that bound stops refining"),
        K("output.blowup_factor", KeyType.Number, "10", "divergence when F exceeds this factor times max(|F(ν₀)|, 1e-12)"),
        K("output.snapshots", KeyType.Mapping, "none", "snapshots of ν_t: snapshots/nu_NNNNNN.vtu (mesh) or .vtp (particles) with nu.pvd, run.h5, plots/snapshots/*.png; give one of every, interval, times"),
        K("output.snapshots.every", KeyType.Integer, "", "a snapshot every this many steps (step 0 included)"),
        K("output.snapshots.interval", KeyType.Number, "", "a snapshot at every multiple of this time (steps land on them)"),
        K("output.snapshots.times", KeyType.List, "", "snapshots at these times (steps land on them)"),
        K("output.checkpoint_wall_time", KeyType.Number, "none", "also write the checkpoint every this many wall-clock seconds"),
        K("output.checkpoint_keep", KeyType.Integer, "1", "checkpoints kept: checkpoint.bin and the previous ones in checkpoints/"),
        K("stop", KeyType.Mapping, "none", "stop criteria: the run ends early, with status stopped"),
        K("stop.energy_below", KeyType.Number, "none", "stop at the first recorded row with F below this"),
        K("stop.min_J_above", KeyType.Number, "none", "stop at the first recorded row with min J above this (the rigorous lower bound where there is one, else the estimate)"),
        K("stop.wall_time", KeyType.Number, "none", "stop after this many wall-clock seconds of this invocation"),
        K("sweep", KeyType.Mapping, "none", "which seeds `sphereflow sweep` raises (ignored by run): per repetition r by r − 1, per run by the run number; seeds not listed stay"),
        K("sweep.per_repetition", KeyType.Names, "", "seed keys raised per repetition (problem.data.seed, solver.seed, solver.init.seed)"),
        K("sweep.per_run", KeyType.Names, "", "seed keys raised per run"),
    ];

    /// <summary>The key, or null.</summary>
    public static CaseKey? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    /// <summary>The README table: | key | type | default | meaning |, one row a key.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("| key | type | default | meaning |\n|---|---|---|---|\n");
        foreach (var k in All)
            sb.Append($"| `{k.Key}` | {Cell(k.TypeText)} | {Cell(k.Default)} | {Cell(k.Meaning)} |\n");
        return sb.ToString();
    }

    /// <summary>Plain text for a terminal: the key, then its type, default and meaning indented.</summary>
    public static string Text()
    {
        var sb = new StringBuilder();
        foreach (var k in All)
        {
            sb.Append(k.Key).Append('\n');
            sb.Append("    type:    ").Append(k.TypeText).Append('\n');
            if (k.Default.Length > 0) sb.Append("    default: ").Append(k.Default).Append('\n');
            sb.Append("    ").Append(k.Meaning).Append('\n');
        }
        return sb.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}

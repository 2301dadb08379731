using System.Text.Json;
using SphereFlow.IO;

namespace SphereFlow.Validation.Comparison;

/// <summary>
/// Everything that defines a comparison study and its mesh reference, written as <c>compare.json</c> next to the tables so
/// that <see cref="ComparisonMerge"/> can check that shards belong to one study and rebuild the report from their rows.
/// </summary>
/// <param name="Case">Case file (full path).</param>
/// <param name="CaseName">Case name (file name without extension).</param>
/// <param name="Cells">Mesh cells.</param>
/// <param name="SphereDim">d of S^d.</param>
/// <param name="MeshStepper">Mesh stepper.</param>
/// <param name="Flow">Flow kind.</param>
/// <param name="Alpha">α.</param>
/// <param name="Beta">β.</param>
/// <param name="MeshSteps">Mesh steps to the last comparison time.</param>
/// <param name="MeshWallSeconds">Wall time of the mesh run.</param>
/// <param name="ParticleCounts">Particle counts m.</param>
/// <param name="Seeds">Seeds per m.</param>
/// <param name="Times">Comparison times.</param>
/// <param name="Sampling">How cells are drawn (iid or stratified).</param>
/// <param name="Placement">Placement of particles in their cells.</param>
/// <param name="Stepper">Particle stepper.</param>
/// <param name="Tolerance">Adaptive stepper tolerance.</param>
/// <param name="ParticleDt">Particle step (cap for adaptive).</param>
/// <param name="Kappa">MMD kernel concentration.</param>
/// <param name="Overrides">--set overrides applied to the case.</param>
/// <param name="Shard">Shard number k (1-based).</param>
/// <param name="Shards">Number of shards N.</param>
public sealed record ComparisonSetting(string Case, string CaseName, int Cells, int SphereDim, string MeshStepper, string Flow, double Alpha,
                                       double Beta, long MeshSteps, double MeshWallSeconds, int[] ParticleCounts, int Seeds, double[] Times,
                                       string Sampling, string Placement, string Stepper, double Tolerance, double ParticleDt, double Kappa, string[] Overrides, int Shard, int Shards)
{
    /// <summary>One level of the mesh reference's refinement study.</summary>
    /// <param name="Label">The mesh in words.</param>
    /// <param name="Cells">Cells.</param>
    /// <param name="DtCap">Δt cap.</param>
    /// <param name="Steps">Steps to the last comparison time.</param>
    /// <param name="WallSeconds">Wall time.</param>
    public sealed record Level(string Label, int Cells, double DtCap, long Steps, double WallSeconds);

    /// <summary>The mesh levels of the refinement study, coarse to fine (the last is the case's mesh, the reference).</summary>
    public Level[] Levels { get; init; } = [];

    /// <summary>Reconstruction order of the mesh scheme (1 upwind, 2 MUSCL).</summary>
    public int MeshOrder { get; init; } = 1;

    /// <summary>The order the Richardson estimates are capped at (space and time order of the mesh scheme).</summary>
    public double FormalOrder { get; init; } = 1;

    /// <summary>Required ratio of the mean particle error to the mesh error estimate for an m to be fitted.</summary>
    public double MeshMargin { get; init; } = 3;

    /// <summary>ε of the Sinkhorn divergence (null: not computed).</summary>
    public double? SinkhornEpsilon { get; init; }

    /// <summary>Birth–death particles (deterministic or stochastic; null: the flow is not birth–death).</summary>
    public string? BirthDeath { get; init; }

    /// <summary>File name in an output folder.</summary>
    public const string FileName = "compare.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Whether another shard's setting describes the same study (all but the shard number and the mesh wall time agree).</summary>
    public bool SameStudy(ComparisonSetting other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Case == other.Case && Cells == other.Cells && SphereDim == other.SphereDim && MeshStepper == other.MeshStepper && Flow == other.Flow
               && Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta) && MeshSteps == other.MeshSteps
               && ParticleCounts.SequenceEqual(other.ParticleCounts) && Seeds == other.Seeds && Times.SequenceEqual(other.Times)
               && Sampling == other.Sampling && Placement == other.Placement && Stepper == other.Stepper && Tolerance.Equals(other.Tolerance) && ParticleDt.Equals(other.ParticleDt) && Kappa.Equals(other.Kappa)
               && Overrides.SequenceEqual(other.Overrides) && Shards == other.Shards
               && MeshOrder == other.MeshOrder && FormalOrder.Equals(other.FormalOrder) && MeshMargin.Equals(other.MeshMargin) && BirthDeath == other.BirthDeath && Nullable.Equals(SinkhornEpsilon, other.SinkhornEpsilon)
               && Levels.Select(l => (l.Label, l.Cells, l.DtCap, l.Steps)).SequenceEqual(other.Levels.Select(l => (l.Label, l.Cells, l.DtCap, l.Steps)));
    }

    /// <summary>Writes compare.json atomically.</summary>
    public void Write(string dir) => AtomicFile.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads compare.json from a study folder; a missing or malformed file is an <see cref="InputException"/>.</summary>
    public static ComparisonSetting Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found (not a 'sphereflow compare' output folder)");
        try
        {
            return JsonSerializer.Deserialize<ComparisonSetting>(File.ReadAllText(path), Json)
                   ?? throw new InputException($"{path}: empty");
        }
        catch (JsonException e) { throw new InputException($"{path}: malformed ({e.Message.Split('\n')[0]})", e); }
    }
}

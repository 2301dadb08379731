using System.Text.Json;
using System.Text.Json.Serialization;
using SphereFlow.IO;
using SphereFlow.Validation.Sharding;

namespace SphereFlow.Validation.Sweeps;

/// <summary>
/// Everything that defines a sweep, written as <c>sweep.json</c> beside its rows so that <see cref="SweepMerge"/> can check
/// that shard folders belong to one sweep.
/// </summary>
/// <param name="Case">Case file (full path).</param>
/// <param name="CaseName">Case name.</param>
/// <param name="Keys">The varied keys.</param>
/// <param name="Points">The grid points' values, point-major (one list per point, in key order).</param>
/// <param name="Repetitions">Repetitions per point.</param>
/// <param name="PerRepetition">Seeds raised by r − 1 in repetition r.</param>
/// <param name="PerRun">Seeds raised by the run number.</param>
/// <param name="Overrides"><c>--set</c> overrides applied to every point.</param>
/// <param name="SuccessBelow">A run succeeds when its final energy is below this (null: no success rates).</param>
/// <param name="Shard">Shard number k.</param>
/// <param name="Shards">Number of shards N.</param>
/// <param name="WallSeconds">Wall time of this shard's runs (the sum over shards after a merge).</param>
public sealed record SweepSetting(string Case, string CaseName, string[] Keys, string[][] Points, int Repetitions, string[] PerRepetition,
                                  string[] PerRun, string[] Overrides, double? SuccessBelow, int Shard, int Shards, double WallSeconds)
{
    /// <summary>File name in an output folder.</summary>
    public const string FileName = "sweep.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Total number of runs (points × repetitions).</summary>
    public int Runs => Points.Length * Repetitions;

    /// <summary>This folder's shard.</summary>
    public Shard Slice => new(Shard, Shards);

    /// <summary>Whether another shard's setting describes the same sweep (all but the shard number and wall time agree).</summary>
    public bool SameStudy(SweepSetting other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Case == other.Case && Keys.SequenceEqual(other.Keys) && Points.Length == other.Points.Length
               && Points.Zip(other.Points).All(p => p.First.SequenceEqual(p.Second)) && Repetitions == other.Repetitions
               && PerRepetition.SequenceEqual(other.PerRepetition) && PerRun.SequenceEqual(other.PerRun) && Overrides.SequenceEqual(other.Overrides)
               && Nullable.Equals(SuccessBelow, other.SuccessBelow) && Shards == other.Shards;
    }

    /// <summary>Writes sweep.json atomically.</summary>
    public void Write(string dir) => AtomicFile.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads sweep.json; a missing or malformed file is an <see cref="InputException"/>.</summary>
    public static SweepSetting Read(string dir)
    {
        string path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found (not a 'sphereflow sweep' output folder)");
        try
        {
            return JsonSerializer.Deserialize<SweepSetting>(File.ReadAllText(path), Json) ?? throw new InputException($"{path}: empty");
        }
        catch (JsonException e) { throw new InputException($"{path}: malformed ({e.Message.Split('\n')[0]})", e); }
    }
}

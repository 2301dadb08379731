using SphereFlow.IO;
using SphereFlow.Validation.Sharding;

namespace SphereFlow.Validation.Sweeps;

/// <summary>
/// Joins the output folders of the shards of one sweep (<c>sphereflow sweep --shard k/N</c>): checks with
/// <see cref="ShardSet"/> that they are the shards 1…N of one sweep and that each holds exactly the runs it owns, then
/// concatenates their rows in run order; the merged report equals the one an unsharded sweep writes (wall times aside).
/// </summary>
public static class SweepMerge
{
    /// <summary>Merges shard folders; every inconsistency is an <see cref="InputException"/> naming the folder or file.</summary>
    public static SweepResult Merge(IReadOnlyList<string> dirs)
    {
        ArgumentNullException.ThrowIfNull(dirs);
        if (dirs.Count == 0) throw new InputException("merge: give the output folders of the shards");
        var settings = dirs.Select(SweepSetting.Read).ToList();
        var first = settings[0];
        ShardSet.Check(dirs, settings, s => s.Slice, (a, b) => a.SameStudy(b));
        var rows = new List<SweepRow>();
        for (int i = 0; i < dirs.Count; i++)
        {
            var shardRows = SweepReport.ReadRows(dirs[i], first);
            ShardSet.CheckRows(Path.Combine(dirs[i], "sweep.csv"), shardRows.Select(r => r.Run), Enumerable.Range(0, first.Runs).Select(r => (IReadOnlyList<int>)[r]),
                               settings[i].Slice, r => $"run {r}");
            foreach (var r in shardRows)
                if (r.Point != r.Run / first.Repetitions || r.Repetition != r.Run % first.Repetitions + 1 || !r.Values.SequenceEqual(first.Points[r.Point]))
                    throw new InputException($"{Path.Combine(dirs[i], "sweep.csv")}: run {r.Run} has the wrong point, repetition or values for this sweep");
            rows.AddRange(shardRows);
        }
        rows.Sort((a, b) => a.Run.CompareTo(b.Run));
        return new SweepResult(first with { Shard = 1, Shards = 1, WallSeconds = settings.Sum(s => s.WallSeconds) }, rows);
    }
}

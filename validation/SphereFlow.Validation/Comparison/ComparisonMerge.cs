using SphereFlow.IO;
using SphereFlow.Validation.Sharding;

namespace SphereFlow.Validation.Comparison;

/// <summary>
/// Joins the output folders of the shards of one comparison study (<c>sphereflow compare --shard k/N</c>, e.g. the tasks of
/// a scheduler's job array): checks that every folder holds the same study (compare.json) and that the shards 1…N each
/// appear exactly once, concatenates their rows (compare.csv) in m, seed, time order and refits the rates, so the merged
/// report equals the one an unsharded run writes.
/// </summary>
public static class ComparisonMerge
{
    /// <summary>Merges shard folders; every inconsistency is an <see cref="InputException"/> naming the folder.</summary>
    public static ComparisonResult Merge(IReadOnlyList<string> dirs)
    {
        ArgumentNullException.ThrowIfNull(dirs);
        if (dirs.Count == 0) throw new InputException("merge: give the output folders of the shards");
        var settings = dirs.Select(ComparisonSetting.Read).ToList();
        var first = settings[0];
        ShardSet.Check(dirs, settings, s => new Shard(s.Shard, s.Shards), (a, b) => a.SameStudy(b));

        var rows = new List<ComparisonRow>();
        for (int i = 0; i < dirs.Count; i++)
        {
            string path = Path.Combine(dirs[i], "compare.csv");
            if (!File.Exists(path)) throw new InputException($"{path}: file not found");
            var table = NumericCsv.Read(path, allowNonFinite: true);
            if (!table.Header.SequenceEqual(ComparisonReport.RowHeader)) throw new InputException($"{path}: unexpected header");
            var shardRows = table.Rows.Select(r => new ComparisonRow(r[0], (int)r[1], (int)r[2], r[3], r[4], r[6], r[7], r[8], r[9], r[10], r[12], r[11])).ToList();
            ShardSet.CheckRows(path, shardRows.Select(r => (r.M, r.Seed, r.T)), Runs(first), new Shard(settings[i].Shard, first.Shards),
                               k => $"t = {k.T}, m = {k.M}, seed {k.Seed}");
            rows.AddRange(shardRows);
        }
        var mOrder = first.ParticleCounts.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        var tOrder = first.Times.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        foreach (var r in rows)
            if (!mOrder.ContainsKey(r.M) || !tOrder.ContainsKey(r.T) || r.Seed < 1 || r.Seed > first.Seeds)
                throw new InputException($"merge: a row (t = {r.T}, m = {r.M}, seed {r.Seed}) lies outside the study's times, counts or seeds");
        rows.Sort((a, b) => (mOrder[a.M], a.Seed, tOrder[a.T]).CompareTo((mOrder[b.M], b.Seed, tOrder[b.T])));
        int expected = first.ParticleCounts.Length * first.Seeds * first.Times.Length;
        if (rows.Count != expected) throw new InputException($"merge: {rows.Count} rows, expected {expected} (times × counts × seeds)");
        // Every shard ran the same mesh reference; its refinement study is read from each and must agree.
        var refinement = RefinementFile.Read(dirs[0]);
        for (int i = 1; i < dirs.Count; i++)
            if (!SameRefinement(refinement, RefinementFile.Read(dirs[i])))
                throw new InputException($"{dirs[i]}: its mesh reference's refinement study differs from {dirs[0]}'s (not the same mesh runs)");
        var setting = first with { Shard = 1, Shards = 1, MeshWallSeconds = settings.Max(s => s.MeshWallSeconds) };
        return new ComparisonResult(setting, [], rows, ComparisonStudy.Fit(rows, first.Times, refinement, first.MeshMargin), null, refinement);
    }

    /// <summary>Equal rows, differences equal to 1e-12 relative (the mesh runs are deterministic; the tolerance only forgives a last-bit difference of a platform).</summary>
    private static bool SameRefinement(IReadOnlyList<RefinementRow> a, IReadOnlyList<RefinementRow> b)
    {
        if (a.Count != b.Count) return false;
        static bool Close(double x, double y) => x.Equals(y) || Math.Abs(x - y) <= 1e-12 * Math.Max(Math.Abs(x), Math.Abs(y));
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i].T != b[i].T || a[i].Metric != b[i].Metric || a[i].Differences.Length != b[i].Differences.Length) return false;
            if (!a[i].Differences.Zip(b[i].Differences).All(p => Close(p.First, p.Second)) || !Close(a[i].Estimate.Error, b[i].Estimate.Error)) return false;
        }
        return true;
    }

    /// <summary>The (m, seed, t) rows of every particle run of the study, in run order (m, then seed).</summary>
    private static IEnumerable<IReadOnlyList<(int M, int Seed, double T)>> Runs(ComparisonSetting study)
    {
        foreach (int m in study.ParticleCounts)
            for (int seed = 1; seed <= study.Seeds; seed++)
                yield return [.. study.Times.Select(t => (m, seed, t))];
    }
}

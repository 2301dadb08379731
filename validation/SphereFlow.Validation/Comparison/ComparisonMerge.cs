using SphereFlow.IO;

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
        var seen = new Dictionary<int, string>();
        for (int i = 0; i < dirs.Count; i++)
        {
            if (!settings[i].SameStudy(first))
                throw new InputException($"{dirs[i]}: not the same study as {dirs[0]} (case, mesh, particle settings or shard count differ)");
            if (!seen.TryAdd(settings[i].Shard, dirs[i]))
                throw new InputException($"{dirs[i]}: shard {settings[i].Shard}/{first.Shards} is also in {seen[settings[i].Shard]}");
        }
        var missing = Enumerable.Range(1, first.Shards).Where(k => !seen.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new InputException($"merge: shard(s) {string.Join(", ", missing)} of {first.Shards} missing");

        var rows = new List<ComparisonRow>();
        for (int i = 0; i < dirs.Count; i++)
        {
            string path = Path.Combine(dirs[i], "compare.csv");
            if (!File.Exists(path)) throw new InputException($"{path}: file not found");
            var table = NumericCsv.Read(path, allowNonFinite: true);
            if (!table.Header.SequenceEqual(ComparisonReport.RowHeader)) throw new InputException($"{path}: unexpected header");
            var shardRows = table.Rows.Select(r => new ComparisonRow(r[0], (int)r[1], (int)r[2], r[3], r[4], r[6], r[7], r[8], r[9], r[10], r[12], r[11])).ToList();
            CheckShardRows(path, shardRows, first, settings[i].Shard);
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
        var setting = first with { Shard = 1, Shards = 1, MeshWallSeconds = settings.Max(s => s.MeshWallSeconds) };
        return new ComparisonResult(setting, [], rows, ComparisonStudy.Fit(rows, first.Times), null);
    }

    /// <summary>
    /// Checks that a shard's rows are exactly the (m, seed, t) triples its slice of the runs owns (run i, in m-then-seed
    /// order, belongs to shard i mod N + 1); names the shard's file and the first missing or extra row.
    /// </summary>
    private static void CheckShardRows(string path, List<ComparisonRow> rows, ComparisonSetting study, int shard)
    {
        var expected = new HashSet<(int M, int Seed, double T)>();
        int run = -1;
        foreach (int m in study.ParticleCounts)
            for (int seed = 1; seed <= study.Seeds; seed++)
                if (++run % study.Shards == shard - 1)
                    foreach (double t in study.Times) expected.Add((m, seed, t));
        var present = new HashSet<(int M, int Seed, double T)>();
        foreach (var r in rows)
        {
            var key = (r.M, r.Seed, r.T);
            if (!expected.Contains(key))
                throw new InputException($"{path}: row (t = {r.T}, m = {r.M}, seed {r.Seed}) does not belong to shard {shard}/{study.Shards} of this study");
            if (!present.Add(key)) throw new InputException($"{path}: row (t = {r.T}, m = {r.M}, seed {r.Seed}) appears twice");
        }
        foreach (var key in expected)
            if (!present.Contains(key))
                throw new InputException($"{path}: shard {shard}/{study.Shards} lacks the row t = {key.T}, m = {key.M}, seed {key.Seed} ({present.Count} of {expected.Count} rows; was the shard interrupted?)");
    }
}

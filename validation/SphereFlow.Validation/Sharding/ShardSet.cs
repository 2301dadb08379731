using SphereFlow.IO;

namespace SphereFlow.Validation.Sharding;

/// <summary>
/// The checks <c>sphereflow merge</c> makes on the folders of a sharded study, for any study kind: every folder holds the
/// same study, the shards 1…N each appear exactly once, and each shard's rows are exactly those of the runs it owns
/// (<see cref="Shard.Owns"/>). Every inconsistency is an <see cref="InputException"/> naming the folder or file.
/// </summary>
public static class ShardSet
{
    /// <summary>
    /// Checks that <paramref name="settings"/> (one per folder of <paramref name="dirs"/>) are the shards 1…N of one study.
    /// </summary>
    /// <param name="dirs">The shard folders.</param>
    /// <param name="settings">Their settings, in the same order.</param>
    /// <param name="shardOf">A setting's shard.</param>
    /// <param name="sameStudy">Whether two settings describe the same study (all but the shard number and wall times).</param>
    public static void Check<T>(IReadOnlyList<string> dirs, IReadOnlyList<T> settings, Func<T, Shard> shardOf, Func<T, T, bool> sameStudy)
    {
        ArgumentNullException.ThrowIfNull(dirs);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(shardOf);
        ArgumentNullException.ThrowIfNull(sameStudy);
        if (dirs.Count == 0) throw new InputException("merge: give the output folders of the shards");
        var first = settings[0];
        int count = shardOf(first).Count;
        var seen = new Dictionary<int, string>();
        for (int i = 0; i < dirs.Count; i++)
        {
            var shard = shardOf(settings[i]);
            if (!sameStudy(settings[i], first) || shard.Count != count)
                throw new InputException($"{dirs[i]}: not the same study as {dirs[0]} (case, settings or shard count differ)");
            if (!seen.TryAdd(shard.Index, dirs[i]))
                throw new InputException($"{dirs[i]}: shard {shard} is also in {seen[shard.Index]}");
        }
        var missing = Enumerable.Range(1, count).Where(k => !seen.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new InputException($"merge: shard(s) {string.Join(", ", missing)} of {count} missing");
    }

    /// <summary>
    /// Checks that the row keys read from a shard's file are exactly the keys of the runs it owns: <paramref name="runs"/>
    /// lists every run of the study in order with the keys of its rows; names the file and the first extra, repeated or
    /// missing row (<paramref name="describe"/> says which).
    /// </summary>
    public static void CheckRows<TKey>(string path, IEnumerable<TKey> rows, IEnumerable<IReadOnlyList<TKey>> runs, Shard shard, Func<TKey, string> describe)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(describe);
        var expected = new HashSet<TKey>();
        int run = -1;
        foreach (var keys in runs)
            if (shard.Owns(++run))
                foreach (var key in keys) expected.Add(key);
        var present = new HashSet<TKey>();
        foreach (var key in rows)
        {
            if (!expected.Contains(key)) throw new InputException($"{path}: row ({describe(key)}) does not belong to shard {shard} of this study");
            if (!present.Add(key)) throw new InputException($"{path}: row ({describe(key)}) appears twice");
        }
        foreach (var key in expected)
            if (!present.Contains(key))
                throw new InputException($"{path}: shard {shard} lacks the row {describe(key)} ({present.Count} of {expected.Count} rows; was the shard interrupted?)");
    }
}

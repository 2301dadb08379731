namespace SphereFlow.Numerics;

/// <summary>
/// Deterministic range parallelism: [0, count) is cut into chunks whose boundaries depend only on count and
/// the chunk size (never on the thread count), so results that are reduced per chunk in chunk order are
/// bit-for-bit reproducible.
/// </summary>
public static class ParallelRanges
{
    private static readonly AsyncLocal<int> ThreadLimit = new();

    /// <summary>
    /// Limits the loops started from this execution context to <paramref name="threads"/> threads until the returned scope is
    /// disposed (for tests that compare results across thread counts).
    /// </summary>
    public static IDisposable LimitThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        int previous = ThreadLimit.Value;
        ThreadLimit.Value = threads;
        return new Scope(previous);
    }

    private sealed class Scope(int previous) : IDisposable
    {
        public void Dispose() => ThreadLimit.Value = previous;
    }

    /// <summary>Number of chunks of at most <paramref name="chunk"/> items covering [0, count).</summary>
    public static int ChunkCount(int count, int chunk) => count <= 0 ? 0 : (count + chunk - 1) / chunk;

    /// <summary>Runs body(chunkIndex, start, end) over the chunks, in parallel when there is more than one.</summary>
    public static void For(int count, int chunk, Action<int, int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (chunk < 1) chunk = 1;
        int chunks = ChunkCount(count, chunk);
        int limit = ThreadLimit.Value;
        if (chunks <= 1 || Environment.ProcessorCount == 1 || limit == 1)
        {
            for (int c = 0; c < chunks; c++) body(c, c * chunk, Math.Min(count, (c + 1) * chunk));
            return;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = limit > 0 ? limit : -1 };
        Parallel.For(0, chunks, options, c => body(c, c * chunk, Math.Min(count, (c + 1) * chunk)));
    }

    /// <summary>A chunk size giving about <paramref name="work"/> units of work per chunk for items costing <paramref name="costPerItem"/>.</summary>
    public static int ChunkFor(int count, double costPerItem, double work = 65536)
    {
        int c = (int)Math.Ceiling(work / Math.Max(1.0, costPerItem));
        return Math.Clamp(c, 1, Math.Max(1, count));
    }
}

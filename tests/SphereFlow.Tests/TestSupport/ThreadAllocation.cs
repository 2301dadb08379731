namespace SphereFlow.Tests.TestSupport;

/// <summary>What a call allocates on the calling thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/>).</summary>
public static class ThreadAllocation
{
    /// <summary>
    /// The least number of bytes one call of <paramref name="call"/> allocates over <paramref name="calls"/> calls, each preceded
    /// by <paramref name="before"/> (not counted). The least is taken so that an array pool trimmed by a garbage collection
    /// between two calls cannot fail a test; a buffer kept instead of returned is allocated again on every call. Warm the
    /// call up first: its first call may allocate what later ones reuse.
    /// </summary>
    public static long Least(Action call, int calls = 3, Action? before = null)
    {
        long least = long.MaxValue;
        for (int i = 0; i < calls; i++)
        {
            before?.Invoke();
            long start = GC.GetAllocatedBytesForCurrentThread();
            call();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - start);
        }
        return least;
    }
}

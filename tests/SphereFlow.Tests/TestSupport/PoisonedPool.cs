using System.Buffers;

namespace SphereFlow.Tests.TestSupport;

/// <summary>
/// Fills the calling thread's <see cref="ArrayPool{T}.Shared"/> buffers with NaN, so that code which reads a rented array
/// before writing it (a missing clear, a padding it assumes zero) returns NaN instead of whatever the last user left there.
/// </summary>
public static class PoisonedPool
{
    /// <summary>
    /// Rents <paramref name="perSize"/> arrays of every pooled size from 16 to 2^<paramref name="maxLog2"/> doubles, fills them
    /// with NaN and returns them: the next rentals of those sizes on this thread (its own slot first, then the per-core stacks,
    /// last returned first) get poisoned arrays. Best effort: rentals on other threads may get clean ones.
    /// </summary>
    public static void Poison(int perSize = 8, int maxLog2 = 17)
    {
        var held = new double[perSize][];
        for (int log = 4; log <= maxLog2; log++)
        {
            for (int i = 0; i < perSize; i++)
            {
                held[i] = ArrayPool<double>.Shared.Rent(1 << log);
                Array.Fill(held[i], double.NaN);
            }
            for (int i = perSize - 1; i >= 0; i--) ArrayPool<double>.Shared.Return(held[i]);
        }
    }
}

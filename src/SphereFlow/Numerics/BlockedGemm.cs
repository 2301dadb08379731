using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SphereFlow.Numerics;

/// <summary>
/// Plain managed matrix product C = A·B (row-major, A m × k, B k × n, C m × n) with packed panels and the register-blocked
/// <see cref="GemmMicroKernel"/>, parallel over fixed column blocks (deterministic). It is the reference rate of the managed
/// path in <c>sphereflow bench</c>; the feature kernels fuse their own epilogues into the same tile loop.
/// </summary>
public static class BlockedGemm
{
    private const int KC = 256, MC = 96, NC = 512;

    /// <summary>C = A·B.</summary>
    public static void Multiply(double[] a, double[] b, double[] c, int m, int n, int k)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n) throw new ArgumentException("matrix sizes disagree");
        int mr = GemmMicroKernel.MR, nr = GemmMicroKernel.NR;
        int mPad = (m + mr - 1) / mr * mr, nPad = (n + nr - 1) / nr * nr;
        var aPack = ArrayPool<double>.Shared.Rent(mPad * k);
        try
        {
            // A in MR-row panels [panel][p][r], zero-padded.
            Array.Clear(aPack, 0, mPad * k);
            for (int i = 0; i < m; i++)
                for (int p = 0; p < k; p++) aPack[(i / mr) * k * mr + p * mr + i % mr] = a[i * k + p];
            int blocks = (nPad + NC - 1) / NC;
            ParallelRanges.For(blocks, 1, (_, b0, b1) =>
            {
                int width = Math.Min(NC, nPad);
                var bPack = ArrayPool<double>.Shared.Rent(k * width);
                var tile = ArrayPool<double>.Shared.Rent(MC * width);
                try
                {
                    for (int blk = b0; blk < b1; blk++)
                    {
                        int j0 = blk * NC, w = Math.Min(NC, nPad - j0);
                        // B columns [j0, j0 + w) in NR-column panels [panel][p][c], zero-padded.
                        for (int jp = 0; jp < w; jp += nr)
                            for (int p = 0; p < k; p++)
                                for (int q = 0; q < nr; q++)
                                {
                                    int col = j0 + jp + q;
                                    bPack[jp * k + p * nr + q] = col < n ? b[p * n + col] : 0;
                                }
                        for (int i0 = 0; i0 < mPad; i0 += MC)
                        {
                            int rows = Math.Min(MC, mPad - i0);
                            ref double t0 = ref MemoryMarshal.GetArrayDataReference(tile);
                            for (int p0 = 0; p0 < k; p0 += KC)
                            {
                                int kc = Math.Min(KC, k - p0);
                                for (int jr = 0; jr < w; jr += nr)
                                    for (int ir = 0; ir < rows; ir += mr)
                                        GemmMicroKernel.Run(kc, ref aPack[((i0 + ir) / mr) * k * mr + p0 * mr], ref bPack[jr * k + p0 * nr],
                                                            ref Unsafe.Add(ref t0, ir * w + jr), w, p0 > 0);
                            }
                            for (int r = 0; r < rows && i0 + r < m; r++)
                                tile.AsSpan(r * w, Math.Min(w, n - j0)).CopyTo(c.AsSpan((i0 + r) * n + j0));
                        }
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(bPack);
                    ArrayPool<double>.Shared.Return(tile);
                }
            });
        }
        finally { ArrayPool<double>.Shared.Return(aPack); }
    }
}

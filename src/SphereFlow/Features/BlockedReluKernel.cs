using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SphereFlow.Data;
using SphereFlow.Numerics;

namespace SphereFlow.Features;

/// <summary>
/// The ReLU map a·max(0, b·x) summed over a whole measure as cache-blocked matrix products, for large k.
/// <para>
/// Prediction: h = Σ_j w_j relu(P_j·), P = B·X (atoms' b as rows, data as columns), w_j = M_j a_j. Contraction at q
/// points: s_p = Σ_i g_i relu(P_pi) (value a_p s_p, ∂_a = s_p) and ∇_b = a_p (D·Xᵀ)_p with D_pi = g_i 1[P_pi &gt; 0]. P is
/// computed tile by tile (packed panels, the register-blocked <see cref="GemmMicroKernel"/>) and consumed in cache: the
/// relu, the residual weights and the transposed product for ∇_b are fused into the tile loop, P is never stored whole.
/// </para>
/// <para>
/// Deterministic: tiles depend only on the problem sizes; the prediction is parallel over column blocks (each h_i sums its
/// row blocks in order), the contraction over row blocks (each point sums its column blocks in order), so results are
/// identical for any thread count.
/// </para>
/// </summary>
internal sealed class BlockedReluKernel : IMeasureKernel
{
    private const int KC = 256;   // depth of one pass of the micro-kernel (panels stay in L1/L2)
    private const long MaxCachedProducts = 1L << 22;   // P entries kept from the prediction for the contraction (32 MB)
    private const double SequentialFlops = 4e6;        // below this a call runs on the calling thread
    private readonly WeightedData _data;
    private readonly object _cacheLock = new();
    private double[] _cacheP = [], _cacheAtoms = [], _cacheData = [];   // P = B·X of the last prediction (row stride _cacheLd), its atoms and data
    private int _cacheRows, _cacheLd;
    private bool _cacheValid;

    /// <summary>Binds the kernel to a data set.</summary>
    public BlockedReluKernel(WeightedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
    }

    /// <inheritdoc/>
    public string Path => $"blocked matrix products (managed {GemmMicroKernel.Description})";

    private static int BlockCount(int n, int nc) => (n + nc - 1) / nc;

    private static int RoundUp(int v, int m) => (v + m - 1) / m * m;

    /// <summary>Row-block height for <paramref name="rows"/> rows: about 16 blocks, a multiple of MR, at most 8 MR.</summary>
    private static int RowBlock(int rows) => Math.Clamp(RoundUp((rows + 15) / 16, GemmMicroKernel.MR), GemmMicroKernel.MR, 8 * GemmMicroKernel.MR);

    /// <summary>Column-block width for <paramref name="cols"/> data: about 16 blocks, a multiple of NR, at most <paramref name="max"/>.</summary>
    private static int ColumnBlock(int cols, int max) => Math.Clamp(RoundUp((cols + 15) / 16, GemmMicroKernel.NR), GemmMicroKernel.NR, max);

    /// <summary>Packs the b-parts of the points (row stride k + 1, offset 1) into MR-row panels: [panel][c][r], zero-padded.</summary>
    private static void PackAtoms(ReadOnlySpan<double> points, int rows, int k, Span<double> packed)
    {
        int mr = GemmMicroKernel.MR, panels = (rows + mr - 1) / mr;
        packed[..(panels * k * mr)].Clear();
        for (int j = 0; j < rows; j++)
        {
            int panel = j / mr, r = j % mr;
            var src = points.Slice(j * (k + 1) + 1, k);
            var dst = packed.Slice(panel * k * mr + r);
            for (int c = 0; c < k; c++) dst[c * mr] = src[c];
        }
    }

    /// <summary>Packs the data into NR-column panels covering <paramref name="cols"/> columns: [panel][c][i], zero-padded.</summary>
    private static void PackData(double[] x, int n, int k, int cols, Span<double> packed)
    {
        int nr = GemmMicroKernel.NR, panels = cols / nr;
        for (int panel = 0; panel < panels; panel++)
        {
            int i0 = panel * nr, len = Math.Clamp(n - i0, 0, nr);
            var dst = packed.Slice(panel * k * nr, k * nr);
            for (int c = 0; c < k; c++)
            {
                var row = dst.Slice(c * nr, nr);
                if (len > 0) x.AsSpan(c * n + i0, len).CopyTo(row);
                row[len..].Clear();
            }
        }
    }

    /// <summary>Packs the data transposed for ∇_b = D·Xᵀ: per column block of width nc, NR-coordinate panels [block][panel][i][c].</summary>
    private static void PackDataTransposed(double[] x, int n, int k, int nc, Span<double> packed)
    {
        int nr = GemmMicroKernel.NR, kp = RoundUp(k, nr), blocks = (n + nc - 1) / nc;
        packed[..(blocks * nc * kp)].Clear();
        for (int blk = 0; blk < blocks; blk++)
        {
            int i0 = blk * nc, len = Math.Min(nc, n - i0);
            var block = packed.Slice(blk * nc * kp, nc * kp);
            for (int c = 0; c < k; c++)
            {
                var dst = block.Slice((c / nr) * nc * nr + c % nr);
                var src = x.AsSpan(c * n + i0, len);
                for (int i = 0; i < len; i++) dst[i * nr] = src[i];
            }
        }
    }

    /// <summary>P tile (mc × nc, row stride nc) = packed atom rows [r0, r0 + mc) · packed data columns [i0, i0 + nc).</summary>
    private static void TileProduct(double[] atoms, double[] data, int k, int r0, int mc, int i0, int nc, double[] tile)
    {
        int mr = GemmMicroKernel.MR, nr = GemmMicroKernel.NR;
        ref double a0 = ref MemoryMarshal.GetArrayDataReference(atoms);
        ref double b0 = ref MemoryMarshal.GetArrayDataReference(data);
        ref double t0 = ref MemoryMarshal.GetArrayDataReference(tile);
        for (int p0 = 0; p0 < k; p0 += KC)
        {
            int kc = Math.Min(KC, k - p0);
            for (int jr = 0; jr < nc; jr += nr)
            {
                ref double bp = ref Unsafe.Add(ref b0, (nint)((i0 + jr) / nr) * k * nr + p0 * nr);
                for (int ir = 0; ir < mc; ir += mr)
                {
                    ref double ap = ref Unsafe.Add(ref a0, (nint)((r0 + ir) / mr) * k * mr + p0 * mr);
                    GemmMicroKernel.Run(kc, ref ap, ref bp, ref Unsafe.Add(ref t0, ir * nc + jr), nc, p0 > 0);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<double> mass, ReadOnlySpan<double> points, Span<double> h)
    {
        int m = mass.Length, n = _data.Count, k = _data.InputDim;
        if (points.Length != m * (k + 1)) throw new ArgumentException($"points must be atoms × {k + 1}");
        if (h.Length != n) throw new ArgumentException("prediction length must equal the data count");
        int mr = GemmMicroKernel.MR, nr = GemmMicroKernel.NR;
        int mPad = RoundUp(Math.Max(m, 1), mr), nPad = RoundUp(n, nr);
        int mc = Math.Min(8 * mr, mPad), nc = ColumnBlock(n, 16 * nr);
        int ld = CacheStride(n);
        bool cache = (long)mPad * ld <= MaxCachedProducts && Monitor.TryEnter(_cacheLock);
        var w = ArrayPool<double>.Shared.Rent(mPad);
        var atoms = ArrayPool<double>.Shared.Rent(mPad * k);
        var data = ArrayPool<double>.Shared.Rent(nPad * k);
        var hOut = ArrayPool<double>.Shared.Rent(nPad + nc);
        try
        {
            double[]? stored = null;
            if (cache)
            {
                _cacheValid = false;
                if (_cacheP.Length < mPad * ld) _cacheP = new double[mPad * ld];
                if (_cacheAtoms.Length < points.Length) _cacheAtoms = new double[points.Length];
                points.CopyTo(_cacheAtoms);
                if (_cacheData.Length != _data.X.Length) _cacheData = new double[_data.X.Length];
                _data.X.CopyTo(_cacheData, 0);
                _cacheRows = m; _cacheLd = ld;
                stored = _cacheP;
                for (int r = 0; r < mPad; r++) stored.AsSpan(r * ld + nPad, ld - nPad).Clear();
            }
            w.AsSpan(0, mPad).Clear();
            for (int j = 0; j < m; j++) w[j] = mass[j] * points[j * (k + 1)];
            PackAtoms(points, m, k, atoms);
            PackData(_data.X, n, k, nPad, data);
            int blocks = (n + nc - 1) / nc;
            Blocks(blocks, 2.0 * mPad * nPad * k, (b0, b1) =>
            {
                var tile = ArrayPool<double>.Shared.Rent(mc * nc);
                try
                {
                    for (int blk = b0; blk < b1; blk++)
                    {
                        int i0 = blk * nc, width = Math.Min(nc, nPad - i0);
                        var acc = hOut.AsSpan(i0, width);
                        acc.Clear();
                        for (int r0 = 0; r0 < mPad; r0 += mc)
                        {
                            int rows = Math.Min(mc, mPad - r0);
                            TileProduct(atoms, data, k, r0, rows, i0, width, tile);
                            for (int r = 0; r < rows; r++)
                            {
                                var row = tile.AsSpan(r * width, width);
                                if (stored is not null) row.CopyTo(stored.AsSpan((r0 + r) * ld + i0, width));
                                double wr = w[r0 + r];
                                if (wr != 0) AddScaledRelu(row, wr, acc);
                            }
                        }
                    }
                }
                finally { ArrayPool<double>.Shared.Return(tile); }
            });
            hOut.AsSpan(0, n).CopyTo(h);
            if (cache) _cacheValid = true;
        }
        finally
        {
            if (cache) Monitor.Exit(_cacheLock);
            ArrayPool<double>.Shared.Return(w);
            ArrayPool<double>.Shared.Return(atoms);
            ArrayPool<double>.Shared.Return(data);
            ArrayPool<double>.Shared.Return(hOut);
        }
    }

    /// <summary>Column padding of the contraction's blocks, also the row stride of the cached P.</summary>
    private static int CacheStride(int n)
    {
        int nPad = RoundUp(n, GemmMicroKernel.NR), nc = Math.Min(ContractColumns, nPad);
        return RoundUp(n, nc);
    }

    private const int ContractColumns = 128;

    /// <summary>Runs body over [0, blocks) in parallel, or on the calling thread when the call is small (same blocks, same order).</summary>
    private static void Blocks(int blocks, double flops, Action<int, int> body)
    {
        if (flops < SequentialFlops || blocks == 1) body(0, blocks);
        else ParallelRanges.For(blocks, 1, (_, b0, b1) => body(b0, b1));
    }

    /// <summary>acc += w · max(0, p).</summary>
    private static void AddScaledRelu(ReadOnlySpan<double> p, double w, Span<double> acc)
    {
        int i = 0, vl = Vector<double>.Count;
        var wv = new Vector<double>(w);
        ref double pr = ref MemoryMarshal.GetReference(p);
        ref double ar = ref MemoryMarshal.GetReference(acc);
        for (; i <= p.Length - vl; i += vl)
            Vector.FusedMultiplyAdd(wv, Vector.Max(Vector.LoadUnsafe(ref pr, (nuint)i), Vector<double>.Zero), Vector.LoadUnsafe(ref ar, (nuint)i))
                  .StoreUnsafe(ref ar, (nuint)i);
        for (; i < p.Length; i++) Unsafe.Add(ref ar, i) = Math.FusedMultiplyAdd(w, Math.Max(Unsafe.Add(ref pr, i), 0), Unsafe.Add(ref ar, i));
    }

    /// <inheritdoc/>
    public void Contract(ReadOnlySpan<double> points, ReadOnlySpan<double> g, Span<double> values, Span<double> gradients)
    {
        int q = values.Length, n = _data.Count, k = _data.InputDim, dim = k + 1;
        if (points.Length != q * dim) throw new ArgumentException($"points must be count × {dim}");
        if (g.Length != n) throw new ArgumentException("residual length must equal the data count");
        bool wantGrad = !gradients.IsEmpty;
        if (wantGrad && gradients.Length != points.Length) throw new ArgumentException("gradient length must equal points length");
        int mr = GemmMicroKernel.MR, nr = GemmMicroKernel.NR;
        int qPad = RoundUp(Math.Max(q, 1), mr), nPad = RoundUp(n, nr), kp = RoundUp(k, nr);
        int mc = RowBlock(q), nc = Math.Min(ContractColumns, nPad);
        bool cached = Monitor.TryEnter(_cacheLock);
        if (cached && !(_cacheValid && _cacheRows == q && _cacheLd == BlockCount(n, nc) * nc && points.SequenceEqual(_cacheAtoms.AsSpan(0, points.Length))
                       && _data.X.AsSpan().SequenceEqual(_cacheData)))
        {
            Monitor.Exit(_cacheLock);
            cached = false;
        }
        int nBlocks = BlockCount(n, nc);
        var atoms = ArrayPool<double>.Shared.Rent(qPad * k);
        var data = ArrayPool<double>.Shared.Rent(nBlocks * nc * k);
        var dataT = wantGrad ? ArrayPool<double>.Shared.Rent(nBlocks * nc * kp) : null;
        var gPad = ArrayPool<double>.Shared.Rent(nBlocks * nc);
        var sums = ArrayPool<double>.Shared.Rent(qPad);
        var gradB = wantGrad ? ArrayPool<double>.Shared.Rent(qPad * kp) : null;
        try
        {
            if (!cached)
            {
                PackAtoms(points, q, k, atoms);
                PackData(_data.X, n, k, nBlocks * nc, data);
            }
            if (dataT is not null) PackDataTransposed(_data.X, n, k, nc, dataT);
            g.CopyTo(gPad);
            gPad.AsSpan(n, nBlocks * nc - n).Clear();
            int rowBlocks = (qPad + mc - 1) / mc;
            var stored = cached ? _cacheP : null;
            int ld = cached ? _cacheLd : nc;
            Blocks(rowBlocks, (cached ? 2.0 : 4.0) * qPad * nBlocks * nc * k, (b0, b1) =>
            {
                var tile = ArrayPool<double>.Shared.Rent(mc * nc);
                var dPacked = dataT is not null ? ArrayPool<double>.Shared.Rent(mc * nc) : null;
                try
                {
                    for (int blk = b0; blk < b1; blk++)
                    {
                        int r0 = blk * mc, rows = Math.Min(mc, qPad - r0);
                        sums.AsSpan(r0, rows).Clear();
                        if (gradB is not null) gradB.AsSpan(r0 * kp, rows * kp).Clear();
                        for (int cb = 0; cb < nBlocks; cb++)
                        {
                            int i0 = cb * nc;
                            if (stored is null) TileProduct(atoms, data, k, r0, rows, i0, nc, tile);
                            var gBlock = gPad.AsSpan(i0, nc);
                            for (int r = 0; r < rows; r++)
                            {
                                var row = stored is null ? tile.AsSpan(r * nc, nc) : stored.AsSpan((r0 + r) * ld + i0, nc);
                                sums[r0 + r] += ReluDot(row, gBlock);
                                if (dPacked is not null) ScatterMask(row, gBlock, dPacked.AsSpan((r / mr) * nc * mr + r % mr), mr);
                            }
                            if (dPacked is null) continue;
                            // ∇_b rows += D (rows × nc, packed as MR panels) · Xᵀ (nc × kp, packed as NR panels).
                            ref double dp0 = ref MemoryMarshal.GetArrayDataReference(dPacked);
                            ref double xt0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(dataT!), (nint)cb * nc * kp);
                            ref double gb0 = ref MemoryMarshal.GetArrayDataReference(gradB!);
                            for (int cp = 0; cp < kp; cp += nr)
                                for (int ir = 0; ir < rows; ir += mr)
                                    GemmMicroKernel.Run(nc, ref Unsafe.Add(ref dp0, (nint)(ir / mr) * nc * mr), ref Unsafe.Add(ref xt0, (nint)(cp / nr) * nc * nr),
                                                        ref Unsafe.Add(ref gb0, (nint)(r0 + ir) * kp + cp), kp, accumulate: true);
                        }
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(tile);
                    if (dPacked is not null) ArrayPool<double>.Shared.Return(dPacked);
                }
            });
            for (int p = 0; p < q; p++)
            {
                double a = points[p * dim], s = sums[p];
                values[p] = a * s;
                if (!wantGrad) continue;
                gradients[p * dim] = s;
                for (int c = 0; c < k; c++) gradients[p * dim + 1 + c] = a * gradB![p * kp + c];
            }
        }
        finally
        {
            if (cached) Monitor.Exit(_cacheLock);
            ArrayPool<double>.Shared.Return(atoms);
            ArrayPool<double>.Shared.Return(data);
            if (dataT is not null) ArrayPool<double>.Shared.Return(dataT);
            ArrayPool<double>.Shared.Return(gPad);
            ArrayPool<double>.Shared.Return(sums);
            if (gradB is not null) ArrayPool<double>.Shared.Return(gradB);
        }
    }

    /// <summary>Σ_i g_i max(0, p_i) (vector lanes, then the lanes in order: a fixed summation order).</summary>
    private static double ReluDot(ReadOnlySpan<double> p, ReadOnlySpan<double> g)
    {
        int i = 0, vl = Vector<double>.Count;
        var acc = Vector<double>.Zero;
        ref double pr = ref MemoryMarshal.GetReference(p);
        ref double gr = ref MemoryMarshal.GetReference(g);
        for (; i <= p.Length - vl; i += vl)
            acc = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref gr, (nuint)i), Vector.Max(Vector.LoadUnsafe(ref pr, (nuint)i), Vector<double>.Zero), acc);
        double s = Vector.Sum(acc);
        for (; i < p.Length; i++) s += Unsafe.Add(ref gr, i) * Math.Max(Unsafe.Add(ref pr, i), 0);
        return s;
    }

    /// <summary>d[i·stride] = g_i 1[p_i &gt; 0] (the masked residual, written into a packed MR panel).</summary>
    private static void ScatterMask(ReadOnlySpan<double> p, ReadOnlySpan<double> g, Span<double> d, int stride)
    {
        for (int i = 0; i < p.Length; i++) d[i * stride] = p[i] > 0 ? g[i] : 0;
    }
}

using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
/// With gradients the contraction's value is s_p = b_p·(D·Xᵀ)_p (= Σ_i g_i relu(P_pi)), so a prediction at the same atoms and
/// data leaves only the sign mask 1[P &gt; 0] (one bit per pair) for the contraction: two products per right-hand side.
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
    private const long MaxCachedProducts = 1L << 27;   // sign bits of P kept from the prediction for the contraction (16 MB)
    private const double SequentialFlops = 4e6;        // below this a call runs on the calling thread
    private readonly WeightedData _data;
    private readonly object _cacheLock = new();
    private byte[] _cacheMask = [];                     // bits 1[P > 0] of the last prediction (row stride _cacheLd bits)
    private double[] _cacheAtoms = [], _cacheData = [];  // its atoms and data
    private int _cacheRows, _cacheLd;
    private bool _cacheValid;
    private long _cacheHits;

    private readonly bool _native, _store;

    /// <summary>
    /// Binds the kernel to a data set; <paramref name="native"/> computes the tile products with OpenBLAS (when available);
    /// <paramref name="storeProduct"/> keeps P from a prediction for a contraction at the same atoms and data (off for
    /// callers that only predict, e.g. teacher targets).
    /// </summary>
    public BlockedReluKernel(WeightedData data, bool native, bool storeProduct = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        _native = native && OpenBlas.IsAvailable;
        _store = storeProduct;
    }

    /// <summary>Binds the kernel to a data set, with OpenBLAS tile products only when asked for (<see cref="OpenBlas.UseForKernels"/>).</summary>
    public BlockedReluKernel(WeightedData data) : this(data, OpenBlas.UseForKernels) { }

    /// <summary>Contractions so far that reused the sign mask of the prediction before them (diagnostics and tests).</summary>
    internal long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>Bytes held for the sign mask of the last prediction (0 when none was kept; at most 16 MB).</summary>
    internal int CachedMaskBytes => _cacheMask.Length;

    /// <inheritdoc/>
    public string Path => _native ? $"blocked matrix products (OpenBLAS dgemm per tile, single-threaded, {OpenBlas.Library})"
                                  : $"blocked matrix products (managed {GemmMicroKernel.Description})";

    /// <summary>What the OpenBLAS path reads unpacked: the points (row stride Dim, b at offset 1) and the data (k × n, row stride N).</summary>
    private sealed record NativeOperands(double[] Points, int Dim, int Rows, double[] X, int N);

    /// <summary>P tile (rows × width, row stride width) by OpenBLAS, zero outside the real rows and columns.</summary>
    private static void NativeTile(NativeOperands o, int k, int r0, int rows, int i0, int width, double[] tile)
    {
        int realRows = Math.Clamp(o.Rows - r0, 0, rows), realCols = Math.Clamp(o.N - i0, 0, width);
        if (realRows < rows || realCols < width) tile.AsSpan(0, rows * width).Clear();
        if (realRows == 0 || realCols == 0) return;
        OpenBlas.Multiply(o.Points.AsSpan(r0 * o.Dim + 1), o.Dim, o.X.AsSpan(i0), o.N, false, tile, width, realRows, realCols, k);
    }

    private static int BlockCount(int n, int nc) => (n + nc - 1) / nc;

    private static int RoundUp(int v, int m) => (v + m - 1) / m * m;

    /// <summary>Row-block height for <paramref name="rows"/> rows: about 16 blocks, a multiple of MR, at most 8 MR.</summary>
    private static int RowBlock(int rows) => Math.Clamp(RoundUp((rows + 15) / 16, GemmMicroKernel.MR), GemmMicroKernel.MR, 8 * GemmMicroKernel.MR);

    /// <summary>
    /// The unit of data columns: a multiple of NR (the micro-kernel's panels) and of 8 (one byte of the sign mask). NR is a
    /// power of two: 16 or 8 with AVX, but 4 where vectors have two lanes (no AVX, e.g. 128-bit NEON), where rounding columns
    /// to NR alone put the mask's bytes across block boundaries and the cached contraction went wrong.
    /// </summary>
    private static readonly int ColumnUnit = Math.Max(GemmMicroKernel.NR, 8);

    /// <summary>Column-block width for <paramref name="cols"/> data: about 16 blocks, a multiple of the column unit, at most <paramref name="max"/>.</summary>
    private static int ColumnBlock(int cols, int max) => Math.Clamp(RoundUp((cols + 15) / 16, ColumnUnit), ColumnUnit, max);

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
        int mPad = RoundUp(Math.Max(m, 1), mr), nPad = RoundUp(n, ColumnUnit);
        int mc = Math.Min(8 * mr, mPad), nc = ColumnBlock(n, 16 * nr);
        int ld = CacheStride(n);
        bool cache = _store && (long)mPad * ld <= MaxCachedProducts && Monitor.TryEnter(_cacheLock);
        var w = ArrayPool<double>.Shared.Rent(mPad);
        var atoms = ArrayPool<double>.Shared.Rent(mPad * k);
        var data = ArrayPool<double>.Shared.Rent(nPad * k);
        var hOut = ArrayPool<double>.Shared.Rent(nPad + nc);
        try
        {
            byte[]? stored = null;
            if (cache)
            {
                _cacheValid = false;
                if (_cacheMask.Length < mPad * ld / 8) _cacheMask = new byte[mPad * ld / 8];
                if (_cacheAtoms.Length < points.Length) _cacheAtoms = new double[points.Length];
                points.CopyTo(_cacheAtoms);
                if (_cacheData.Length != _data.X.Length) _cacheData = new double[_data.X.Length];
                _data.X.CopyTo(_cacheData, 0);
                _cacheRows = m; _cacheLd = ld;
                // The bits of columns [nPad, ld) stay as they were: the contraction meets them only with zero residuals.
                stored = _cacheMask;
            }
            w.AsSpan(0, mPad).Clear();
            for (int j = 0; j < m; j++) w[j] = mass[j] * points[j * (k + 1)];
            NativeOperands? native = null;
            if (_native)
            {
                OpenBlas.SetThreads(1);
                native = new NativeOperands(points.ToArray(), k + 1, m, _data.X, n);
            }
            else
            {
                PackAtoms(points, m, k, atoms);
                PackData(_data.X, n, k, nPad, data);
            }
            int blocks = (n + nc - 1) / nc;
            Blocks(blocks, 2.0 * mPad * nPad * k, new PredictState(hOut, nc, nPad, mPad, mc, atoms, data, k, stored, ld, w, native), PredictBody);
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
        int nPad = RoundUp(n, ColumnUnit), nc = Math.Min(ContractColumns, nPad);
        return RoundUp(n, nc);
    }

    private const int ContractColumns = 128;

    /// <summary>
    /// Runs body over [0, blocks) in parallel, or on the calling thread when the call is small (same blocks, same order).
    /// The body is a static method with its state passed in, so the sequential path allocates nothing.
    /// </summary>
    private static void Blocks<T>(int blocks, double flops, T state, Action<T, int, int> body)
    {
        if (flops < SequentialFlops || blocks == 1) body(state, 0, blocks);
        else InParallel(blocks, state, body);
    }

    private static void InParallel<T>(int blocks, T state, Action<T, int, int> body)
        => ParallelRanges.For(blocks, 1, (_, b0, b1) => body(state, b0, b1));

    private static readonly Action<PredictState, int, int> PredictBody = PredictBlocks;
    private static readonly Action<ContractState, int, int> ContractBody = ContractBlocks;

    private readonly record struct PredictState(double[] HOut, int Nc, int NPad, int MPad, int Mc, double[] Atoms, double[] Data, int K,
                                                byte[]? Stored, int Ld, double[] W, NativeOperands? Native);

    /// <summary>The prediction's column blocks [b0, b1): each block sums all row blocks in order.</summary>
    private static void PredictBlocks(PredictState state, int b0, int b1)
    {
        var (hOut, nc, nPad, mPad, mc, atoms, data, k, stored, ld, w, native) = state;
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
                        if (native is not null) NativeTile(native, k, r0, rows, i0, width, tile);
                        else TileProduct(atoms, data, k, r0, rows, i0, width, tile);
                        for (int r = 0; r < rows; r++)
                        {
                            var row = tile.AsSpan(r * width, width);
                            if (stored is not null) WriteMask(row, stored.AsSpan(((r0 + r) * ld + i0) / 8, width / 8));
                            double wr = w[r0 + r];
                            if (wr != 0) AddScaledRelu(row, wr, acc);
                        }
                    }
                }
            }
            finally { ArrayPool<double>.Shared.Return(tile); }
    }

    private readonly record struct ContractState(int Mc, int Nc, int QPad, double[] Sums, double[]? GradB, int NBlocks, byte[]? Stored,
                                                 double[] Atoms, double[] Data, int K, double[] GPad, int Ld, double[]? DataT, int Kp,
                                                 NativeOperands? Native);

    /// <summary>The contraction's row blocks [b0, b1): each row block sums all column blocks in order.</summary>
    private static void ContractBlocks(ContractState state, int b0, int b1)
    {
        var (mc, nc, qPad, sums, gradB, nBlocks, stored, atoms, data, k, gPad, ld, dataT, kp, native) = state;
        int mr = GemmMicroKernel.MR, nr = GemmMicroKernel.NR;
            var tile = ArrayPool<double>.Shared.Rent(mc * nc);
            var dPacked = gradB is not null ? ArrayPool<double>.Shared.Rent(mc * nc) : null;
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
                        if (stored is null)
                        {
                            if (native is not null) NativeTile(native, k, r0, rows, i0, nc, tile);
                            else TileProduct(atoms, data, k, r0, rows, i0, nc, tile);
                        }
                        var gBlock = gPad.AsSpan(i0, nc);
                        for (int r = 0; r < rows; r++)
                        {
                            if (dPacked is null) { sums[r0 + r] += ReluDot(tile.AsSpan(r * nc, nc), gBlock); continue; }
                            var d = native is not null ? dPacked.AsSpan(r * nc, nc) : dPacked.AsSpan((r / mr) * nc * mr + r % mr);
                            int stride = native is not null ? 1 : mr;
                            if (stored is not null) ScatterFromMask(stored.AsSpan(((r0 + r) * ld + i0) / 8, nc / 8), gBlock, d, stride);
                            else ScatterMask(tile.AsSpan(r * nc, nc), gBlock, d, stride);
                        }
                        if (dPacked is null) continue;
                        if (native is not null)
                        {
                            // ∇_b rows += D (rows × nc, row-major) · X[:, i0 : i0 + nc]ᵀ over the real data columns.
                            int realCols = Math.Clamp(native.N - i0, 0, nc);
                            if (realCols > 0)
                                OpenBlas.Multiply(dPacked, nc, native.X.AsSpan(i0), native.N, true, gradB.AsSpan(r0 * kp), kp, rows, k, realCols, 1, 1);
                            continue;
                        }
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
    }


    /// <summary>
    /// acc += w · max(0, p). p.Length = acc.Length is a multiple of the vector width (tile rows are multiples of NR). The
    /// vectors are indexed through bounds-checked views (<see cref="WholeVectors"/>): a longer loop throws instead of writing past acc.
    /// </summary>
    private static void AddScaledRelu(ReadOnlySpan<double> p, double w, Span<double> acc)
    {
        var pv = WholeVectors.Of(p);
        var av = WholeVectors.Of(acc);
        var wv = new Vector<double>(w);
        for (int i = 0; i < pv.Length; i++) av[i] = Vector.FusedMultiplyAdd(wv, Vector.Max(pv[i], Vector<double>.Zero), av[i]);
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
        int qPad = RoundUp(Math.Max(q, 1), mr), nPad = RoundUp(n, ColumnUnit), kp = RoundUp(k, nr);
        int mc = RowBlock(q), nc = Math.Min(ContractColumns, nPad);
        bool cached = wantGrad && Monitor.TryEnter(_cacheLock);
        if (cached && !(_cacheValid && _cacheRows == q && _cacheLd == BlockCount(n, nc) * nc && Bitwise.Equal(points, _cacheAtoms.AsSpan(0, points.Length))
                       && Bitwise.Equal(_data.X, _cacheData)))
        {
            Monitor.Exit(_cacheLock);
            cached = false;
        }
        if (cached) Interlocked.Increment(ref _cacheHits);
        int nBlocks = BlockCount(n, nc);
        var atoms = ArrayPool<double>.Shared.Rent(qPad * k);
        var data = ArrayPool<double>.Shared.Rent(nBlocks * nc * k);
        var dataT = wantGrad && !_native ? ArrayPool<double>.Shared.Rent(nBlocks * nc * kp) : null;
        var gPad = ArrayPool<double>.Shared.Rent(nBlocks * nc);
        var sums = ArrayPool<double>.Shared.Rent(qPad);
        var gradB = wantGrad ? ArrayPool<double>.Shared.Rent(qPad * kp) : null;
        try
        {
            NativeOperands? native = null;
            if (_native)
            {
                OpenBlas.SetThreads(1);
                native = new NativeOperands(cached ? [] : points.ToArray(), dim, q, _data.X, n);
            }
            else
            {
                if (!cached)
                {
                    PackAtoms(points, q, k, atoms);
                    PackData(_data.X, n, k, nBlocks * nc, data);
                }
                if (dataT is not null) PackDataTransposed(_data.X, n, k, nc, dataT);
            }
            g.CopyTo(gPad);
            gPad.AsSpan(n, nBlocks * nc - n).Clear();
            int rowBlocks = (qPad + mc - 1) / mc;
            var stored = cached ? _cacheMask : null;
            int ld = cached ? _cacheLd : nc;
            Blocks(rowBlocks, (cached ? 2.0 : 4.0) * qPad * nBlocks * nc * k,
                   new ContractState(mc, nc, qPad, sums, gradB, nBlocks, stored, atoms, data, k, gPad, ld, dataT, kp, native), ContractBody);
            for (int p = 0; p < q; p++)
            {
                double a = points[p * dim], s = sums[p];
                if (wantGrad)
                {
                    // s = b·G with G = Σ_i g_i 1[b·x_i > 0] x_i: the same sum as Σ_i g_i max(0, b·x_i).
                    s = 0;
                    for (int c = 0; c < k; c++) s += points[p * dim + 1 + c] * gradB![p * kp + c];
                }
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

    /// <summary>
    /// Σ_i g_i max(0, p_i) (vector lanes, then the lanes in order: a fixed summation order). p.Length = g.Length is a
    /// multiple of the vector width (tile rows are multiples of NR).
    /// </summary>
    private static double ReluDot(ReadOnlySpan<double> p, ReadOnlySpan<double> g)
    {
        var pv = WholeVectors.Of(p);
        var gv = WholeVectors.Of(g);
        var acc = Vector<double>.Zero;
        for (int i = 0; i < pv.Length; i++) acc = Vector.FusedMultiplyAdd(gv[i], Vector.Max(pv[i], Vector<double>.Zero), acc);
        return Vector.Sum(acc);
    }

    /// <summary>mask bit i (byte i/8, bit i mod 8) = 1[p_i &gt; 0]; p.Length = 8·mask.Length. Branch-free (the signs are random).</summary>
    private static void WriteMask(ReadOnlySpan<double> p, Span<byte> mask)
    {
        var pv = WholeVectors.Quads(p);
        for (int b = 0; b < mask.Length; b++)
            mask[b] = (byte)(Vector256.GreaterThan(pv[2 * b], Vector256<double>.Zero).ExtractMostSignificantBits()
                           | Vector256.GreaterThan(pv[2 * b + 1], Vector256<double>.Zero).ExtractMostSignificantBits() << 4);
    }

    /// <summary>d[i·stride] = g_i when mask bit i is set, else 0 (branch-free: the bit selects g's bits or zero); g.Length = 8·mask.Length.</summary>
    private static void ScatterFromMask(ReadOnlySpan<byte> mask, ReadOnlySpan<double> g, Span<double> d, int stride)
    {
        for (int b = 0; b < mask.Length; b++)
        {
            long bits = mask[b];
            for (int t = 0; t < 8; t++)
            {
                int i = 8 * b + t;
                long keep = -((bits >> t) & 1);
                d[i * stride] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(g[i]) & keep);
            }
        }
    }

    /// <summary>
    /// d[i·stride] = g_i 1[p_i &gt; 0] (the masked residual, written into a packed MR panel); branch-free. p.Length = g.Length is a
    /// multiple of 4 (tile rows are multiples of NR).
    /// </summary>
    private static void ScatterMask(ReadOnlySpan<double> p, ReadOnlySpan<double> g, Span<double> d, int stride)
    {
        var pv = WholeVectors.Quads(p);
        var gv = WholeVectors.Quads(g);
        for (int c = 0; c < pv.Length; c++)
        {
            var v = Vector256.ConditionalSelect(Vector256.GreaterThan(pv[c], Vector256<double>.Zero), gv[c], Vector256<double>.Zero);
            int i = 4 * c;
            d[i * stride] = v.GetElement(0);
            d[(i + 1) * stride] = v.GetElement(1);
            d[(i + 2) * stride] = v.GetElement(2);
            d[(i + 3) * stride] = v.GetElement(3);
        }
    }
}

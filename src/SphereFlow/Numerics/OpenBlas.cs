using System.Runtime.InteropServices;

namespace SphereFlow.Numerics;

/// <summary>
/// OpenBLAS's <c>cblas_dgemm</c> through P/Invoke when the library is installed (Debian: <c>libopenblas0-pthread</c>, see
/// <c>scripts/install-openblas.sh</c>). The library is loaded once; <see cref="SetThreads"/> lets callers that parallelise over
/// tiles themselves run it single-threaded. <c>sphereflow bench</c> measures it as the machine's reference GEMM rate; the
/// feature kernels use it only with <c>SPHEREFLOW_GEMM=openblas</c> (<see cref="UseForKernels"/>): on the development machine
/// the managed micro-kernel with fused epilogues is faster than OpenBLAS called per tile, and keeps results independent of
/// what is installed. <c>SPHEREFLOW_GEMM=managed</c> ignores the library altogether.
/// </summary>
public static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;
    private static readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> Dgemm;
    private static readonly delegate* unmanaged<int, void> SetNumThreads;

    static OpenBlas()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("SPHEREFLOW_GEMM"), "managed", StringComparison.OrdinalIgnoreCase)) return;
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so", "libopenblas.dylib", "libopenblas.dll" })
        {
            if (!NativeLibrary.TryLoad(name, out var lib)) continue;
            if (!NativeLibrary.TryGetExport(lib, "cblas_dgemm", out var f)) continue;
            Dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)f;
            if (NativeLibrary.TryGetExport(lib, "openblas_set_num_threads", out var t)) SetNumThreads = (delegate* unmanaged<int, void>)t;
            Library = name;
            break;
        }
    }

    /// <summary>True when cblas_dgemm was found.</summary>
    public static bool IsAvailable => Dgemm != null;

    /// <summary>True when the feature kernels should compute their tiles with OpenBLAS (<c>SPHEREFLOW_GEMM=openblas</c> and the library found).</summary>
    public static bool UseForKernels { get; } = IsAvailable
        && string.Equals(Environment.GetEnvironmentVariable("SPHEREFLOW_GEMM"), "openblas", StringComparison.OrdinalIgnoreCase);

    /// <summary>The library file loaded, or null.</summary>
    public static string? Library { get; }

    /// <summary>Sets OpenBLAS's own thread count (no-op when unavailable).</summary>
    public static void SetThreads(int threads)
    {
        if (SetNumThreads != null) SetNumThreads(threads);
    }

    /// <summary>
    /// C = alpha·op(A)·B + beta·C, row-major, op(A) = A (m × k, lda) or Aᵀ; B is k × n (ldb) or, with <paramref name="transposeB"/>,
    /// Bᵀ of an n × k matrix. Throws when OpenBLAS is unavailable.
    /// </summary>
    public static void Multiply(ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, bool transposeB, Span<double> c, int ldc,
                                int m, int n, int k, double alpha = 1, double beta = 0)
    {
        if (!IsAvailable) throw new InvalidOperationException("OpenBLAS is not available");
        // The library reads and writes through raw pointers: every matrix must lie inside its span.
        CheckExtent(a.Length, m, k, lda, nameof(a));
        if (transposeB) CheckExtent(b.Length, n, k, ldb, nameof(b));
        else CheckExtent(b.Length, k, n, ldb, nameof(b));
        CheckExtent(c.Length, m, n, ldc, nameof(c));
        fixed (double* pa = a)
        fixed (double* pb = b)
        fixed (double* pc = c)
            Dgemm(RowMajor, NoTrans, transposeB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    /// <summary>Throws unless a row-major rows × cols matrix with row stride ld fits in length elements.</summary>
    private static void CheckExtent(int length, int rows, int cols, int ld, string name)
    {
        if (rows < 0 || cols < 0) throw new ArgumentOutOfRangeException(name, $"matrix {name} has negative size {rows} × {cols}");
        if (rows == 0 || cols == 0) return;
        if (ld < cols) throw new ArgumentOutOfRangeException(name, $"row stride {ld} of matrix {name} is below its {cols} columns");
        if ((long)(rows - 1) * ld + cols > length)
            throw new ArgumentOutOfRangeException(name, $"matrix {name} ({rows} × {cols}, row stride {ld}) does not fit in its {length} elements");
    }
}

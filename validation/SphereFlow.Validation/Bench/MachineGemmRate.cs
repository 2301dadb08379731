using SphereFlow.Numerics;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// The machine's double-precision GEMM rate, measured once per process on a square product (1024³; 512³ when quick) with
/// every available path: the managed blocked product (<see cref="BlockedGemm"/>) and OpenBLAS's dgemm on all its threads.
/// Kernels report their rate as a share of the best of these, measured in the same run.
/// </summary>
public static class MachineGemmRate
{
    private static readonly object Gate = new();
    private static (int Size, double Managed, double OpenBlas)? _measured;
    private static (int Size, double Managed, double OpenBlas)? _perCore;

    /// <summary>(managed, OpenBLAS or NaN) GFLOP/s per core: one thread, process CPU time (robust to other load).</summary>
    public static (double Managed, double OpenBlas) MeasurePerCore(bool quick)
    {
        int size = quick ? 256 : 1024;
        lock (Gate)
        {
            if (_perCore is { } m && m.Size >= size) return (m.Managed, m.OpenBlas);
            var rng = new Random(2);
            var a = new double[size * size];
            var b = new double[size * size];
            var c = new double[size * size];
            for (int i = 0; i < a.Length; i++) { a[i] = rng.NextDouble() - 0.5; b[i] = rng.NextDouble() - 0.5; }
            double flops = 2.0 * size * size * size;
            double managed = flops / BenchTimer.CpuPerCall(() => BlockedGemm.Multiply(a, b, c, size, size, size)) / 1e9;
            double native = double.NaN;
            if (OpenBlas.IsAvailable)
            {
                OpenBlas.SetThreads(1);
                native = flops / BenchTimer.CpuPerCall(() => OpenBlas.Multiply(a, size, b, size, false, c, size, size, size, size)) / 1e9;
            }
            _perCore = (size, managed, native);
            return (managed, native);
        }
    }

    /// <summary>The best per-core rate (GFLOP/s).</summary>
    public static double BestPerCore(bool quick)
    {
        var (managed, native) = MeasurePerCore(quick);
        return double.IsNaN(native) ? managed : Math.Max(managed, native);
    }

    /// <summary>(managed, OpenBLAS or NaN) GFLOP/s for a square product of the given size, measured on first use.</summary>
    public static (double Managed, double OpenBlas) Measure(bool quick)
    {
        int size = quick ? 512 : 1024;
        lock (Gate)
        {
            if (_measured is { } m && m.Size >= size) return (m.Managed, m.OpenBlas);
            var rng = new Random(1);
            var a = new double[size * size];
            var b = new double[size * size];
            var c = new double[size * size];
            for (int i = 0; i < a.Length; i++) { a[i] = rng.NextDouble() - 0.5; b[i] = rng.NextDouble() - 0.5; }
            double flops = 2.0 * size * size * size;
            double managed = flops / BenchTimer.BestFor(() => BlockedGemm.Multiply(a, b, c, size, size, size), quick ? 0.2 : 1.0) / 1e9;
            double native = double.NaN;
            if (OpenBlas.IsAvailable)
            {
                OpenBlas.SetThreads(Environment.ProcessorCount);
                native = flops / BenchTimer.BestFor(() => OpenBlas.Multiply(a, size, b, size, false, c, size, size, size, size), quick ? 0.2 : 1.0) / 1e9;
            }
            _measured = (size, managed, native);
            return (managed, native);
        }
    }

    /// <summary>The best measured rate (GFLOP/s).</summary>
    public static double Best(bool quick)
    {
        var (managed, native) = Measure(quick);
        return double.IsNaN(native) ? managed : Math.Max(managed, native);
    }
}

namespace SphereFlow.Validation.Bench;

/// <summary>The machine's GEMM rate on every available path (the reference of the kernels' shares).</summary>
public sealed class GemmRateBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "gemm.rate";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        var (managed, native) = MachineGemmRate.Measure(quick);
        int size = quick ? 512 : 1024;
        var list = new List<BenchMeasurement> { new($"DGEMM {size}³, managed blocked (Vector FMA micro-kernel), all cores", managed, "GFLOP/s") };
        if (!double.IsNaN(native)) list.Add(new($"DGEMM {size}³, OpenBLAS, all cores", native, "GFLOP/s"));
        var (managed1, native1) = MachineGemmRate.MeasurePerCore(quick);
        int size1 = quick ? 256 : 1024;
        list.Add(new($"DGEMM {size1}³, managed, one thread, per CPU second", managed1, "GFLOP/s"));
        if (!double.IsNaN(native1)) list.Add(new($"DGEMM {size1}³, OpenBLAS, one thread, per CPU second", native1, "GFLOP/s"));
        // Calibration of the machine's current speed: a scalar dependency chain of xoshiro256** (a few cycles per word when idle).
        var rng = new SphereFlow.Numerics.Xoshiro256(1);
        ulong sink = 0;
        double t = BenchTimer.CpuPerCall(() => { for (int i = 0; i < 100_000; i++) sink ^= rng.NextUInt64(); }, quick ? 0.05 : 0.2);
        GC.KeepAlive(sink);
        list.Add(new("calibration: one scalar xoshiro256** word, CPU time (grows with contention from other load)", t / 100_000 * 1e9, "ns"));
        return list;
    }
}

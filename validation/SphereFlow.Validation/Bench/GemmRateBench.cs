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
        return list;
    }
}

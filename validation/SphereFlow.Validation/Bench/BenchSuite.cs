using SphereFlow.Registries;

namespace SphereFlow.Validation.Bench;

/// <summary>The registered bench cases, in report order.</summary>
public static class BenchSuite
{
    /// <summary>All cases. Register a new case with one line here.</summary>
    public static Registry<IBenchCase> All { get; } = new("bench case",
    [
        new GemmRateBench(),
        new ParticleRhsBench(),
        new KernelScalingBench(),
        new MeshKernelBench(),
        new MeshBuildBench(),
        new ParticleStepBench(),
        new MeshStepBench(),
        new SgdBench(),
        new SgdSweepBench(),
        new KernelDiscrepancyBench(),
    ]);
}

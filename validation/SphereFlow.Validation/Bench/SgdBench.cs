using SphereFlow.Data;
using SphereFlow.Geometry;
using SphereFlow.Numerics;
using SphereFlow.Cases;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Validation.Suite;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// One paper-figure-3 SGD run (the bundled <c>teacher-k100-sgd.yaml</c> with m = 20: k = 100, m0 = 10, batch 100, 10⁴
/// iterations; 10³ when quick) as <c>sphereflow run</c> does it (outputs into a temporary folder), with the default kernels and
/// with <c>problem.kernel: pairwise</c>; the ziggurat normal generator against Box–Muller; bytes allocated per SGD step.
/// </summary>
public sealed class SgdBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "sgd.figure3";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        string path = Path.Combine(ValidationContext.FindCasesDir(), "teacher-k100-sgd.yaml");
        string tEnd = quick ? "5" : "50";
        var process = System.Diagnostics.Process.GetCurrentProcess();
        (double Wall, double Cpu) RunOnce(string kernel)
        {
            string dir = Path.Combine(Path.GetTempPath(), "sphereflow-bench", Guid.NewGuid().ToString("N"));
            try
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var c = CaseReader.Load(path, ["solver.m=20", $"solver.t_end={tEnd}", $"problem.kernel={kernel}"]);
                CaseRunner.Run(c, dir);
                double wall = sw.Elapsed.TotalSeconds;
                process.Refresh();
                return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds);
            }
            finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
        }
        RunOnce("auto");   // warm-up (JIT, thread pool)
        var first = RunOnce("auto");
        var second = RunOnce("auto");
        double fast = Math.Min(first.Wall, second.Wall), cpu = Math.Min(first.Cpu, second.Cpu);
        double pairwise = RunOnce("pairwise").Wall;

        var z = new ZigguratNormal(1);
        var buffer = new double[10_000];
        var rng = new Xoshiro256(1);
        double tz = BenchTimer.Best(() => z.Fill(buffer), 20);
        double tb = BenchTimer.Best(() => { for (int i = 0; i < buffer.Length; i++) buffer[i] = Sphere.Gaussian(rng); }, 5);

        var solver = CaseReader.Load(path, ["solver.m=20"]).Solver;
        for (int i = 0; i < 20; i++) solver.Advance(0.005);
        long a0 = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) solver.Advance(0.005);
        double perStep = (GC.GetAllocatedBytesForCurrentThread() - a0) / 1000.0;
        var sampler = new TeacherBatchSampler(TeacherNetwork.Random(100, 10, 1), 100, 1);
        double tBatch = BenchTimer.Best(sampler.Next, 50);

        int iterations = quick ? 1000 : 10_000;
        return
        [
            new($"figure-3 run, k = 100, m = 20, {iterations} iterations (default kernels)", fast, "s", quick ? double.NaN : 0.6),
            new("same run, CPU time of all threads (the work done, less sensitive to other load than the wall time; not a bound on it)", cpu, "s"),
            new("same run, pairwise per-atom kernels", pairwise, "s"),
            new("speed-up of the default kernels", pairwise / fast, "ratio"),
            new("time per iteration (default kernels)", fast / iterations * 1e6, "µs"),
            new("batch generation (10⁴ normals + teacher targets)", tBatch * 1e6, "µs"),
            new("ziggurat normal, per value", tz / buffer.Length * 1e9, "ns"),
            new("Box–Muller (previous generator) / ziggurat", tb / tz, "ratio"),
            new("bytes allocated per SGD step (steady state)", perStep, "B"),
        ];
    }
}

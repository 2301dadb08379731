using System.Collections.Concurrent;
using SphereFlow.Cases;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Validation.Suite;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// The full paper-figure-3 sweep: k = 100 and k = 20, m = 1…30, 30 repetitions each (teacher, initial weights and batches
/// reseeded together), 10⁴ iterations per run, runs spread over all cores (each run on one thread). Reports the wall time
/// (target 20 minutes), the success rate (population risk &lt; 1e-3) and the median risk at a few widths. Runs only when named
/// (<c>sphereflow bench --filter sgd.figure3-sweep</c>); quick mode: m ∈ {5, 30}, 2 repetitions, 10³ iterations.
/// <c>SPHEREFLOW_SWEEP_REPETITIONS=r</c> runs r repetitions instead of 30 (the time of the full sweep is then about 30/r
/// times the reported one; the CPU time of all threads is reported too, for a loaded machine).
/// </summary>
public sealed class SgdSweepBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "sgd.figure3-sweep";

    /// <inheritdoc/>
    public bool OnlyWhenNamed => true;

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        string path = Path.Combine(ValidationContext.FindCasesDir(), "teacher-k100-sgd.yaml");
        int[] ks = [100, 20];
        int[] ms = quick ? [5, 30] : Enumerable.Range(1, 30).ToArray();
        int reps = quick ? 2 : int.TryParse(Environment.GetEnvironmentVariable("SPHEREFLOW_SWEEP_REPETITIONS"), out int r0) && r0 >= 1 ? r0 : 30;
        int iterations = quick ? 1000 : 10_000;
        var runs = (from k in ks from m in ms from r in Enumerable.Range(1, reps) select (k, m, r)).ToArray();
        var risk = new ConcurrentDictionary<(int, int, int), double>();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int finished = 0;
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, run =>
        {
            var (k, m, r) = run;
            var c = CaseReader.Load(path, [$"problem.data.k={k}", $"solver.m={m}", $"solver.seed={r}", $"solver.init.seed={r}", $"problem.data.seed={r}"]);
            var solver = c.Solver;
            for (int i = 0; i < iterations; i++) solver.Advance(c.Options.Dt);
            risk[run] = solver.Objective.Linearize(solver.Current).Energy;
            int done = Interlocked.Increment(ref finished);
            if (done % 100 == 0) Console.Error.WriteLine($"  sgd.figure3-sweep: {done}/{runs.Length} runs, {sw.Elapsed.TotalSeconds:F0} s");
        });
        double seconds = sw.Elapsed.TotalSeconds;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var results = new List<BenchMeasurement>
        {
            new($"sweep: k ∈ {{100, 20}}, m = {ms[0]}…{ms[^1]}, {reps} repetitions, {iterations} iterations ({runs.Length} runs)", seconds, "s",
                quick || reps != 30 ? double.NaN : 1200),
            new("sweep: CPU time of all threads", cpu, "s"),
        };
        foreach (int k in ks)
            foreach (int m in quick ? ms : [5, 10, 20, 30])
            {
                var r = Enumerable.Range(1, reps).Select(x => risk[(k, m, x)]).Order().ToArray();
                results.Add(new($"k = {k}, m = {m}: success rate (risk < 1e-3)", r.Count(x => x < 1e-3) / (double)reps, ""));
                results.Add(new($"k = {k}, m = {m}: median population risk", r[reps / 2], ""));
            }
        return results;
    }
}

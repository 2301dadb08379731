using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Losses;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;

namespace SphereFlow.Validation.Bench;

/// <summary>
/// The particle solver on the figure-2 problem (relu, k = 2, n = 720 quadrature points): one RK4 step of m = 1000
/// particles, the cost per particle–data pair of the first variation, and the fused SIMD kernel against the two-pass
/// baseline (Evaluate, then a dot product) in the same run.
/// </summary>
public sealed class ParticleStepBench : IBenchCase
{
    /// <inheritdoc/>
    public string Name => "particles.relu-k2";

    /// <inheritdoc/>
    public IReadOnlyList<BenchMeasurement> Run(bool quick)
    {
        int m = quick ? 200 : 1000, n = 720;
        var teacher = TeacherNetwork.Random(2, 4, 1);
        var data = teacher.AngularQuadrature(n);
        var map = new ReluFeatures(2);
        var objective = new NetworkObjective(data, map, new SquareLoss(), 0);
        var nu = ParticleInitialMeasures.Uniform(3, m, 1.0, 1);
        var solver = new ParticleSolver(objective, FlowSpec.Lifted, nu, ParticleSteppers.Create("rk4"));
        double step = BenchTimer.Best(() => solver.Advance(1e-3), quick ? 2 : 5);

        var g = data.Y.Select((y, i) => 0.5 - y * 0.1).ToArray();
        var scratch = new double[n];
        var grad = new double[3];
        double sink = 0;
        double fused = BenchTimer.Best(() =>
        {
            for (int j = 0; j < m; j++) sink += map.Contract(nu.Point(j), data.View, g, grad, scratch);
        }, 5);
        double baseline = BenchTimer.Best(() =>
        {
            for (int j = 0; j < m; j++)
            {
                map.Evaluate(nu.Point(j), data.View, scratch);
                sink += System.Numerics.Tensors.TensorPrimitives.Dot(g, scratch);
            }
        }, 5);
        GC.KeepAlive(sink);
        return
        [
            new($"RK4 step, m = {m}, n = {n}", step, "s"),
            new("first variation per particle-data pair (fused, with gradient)", fused / ((double)m * n) * 1e9, "ns"),
            new("two-pass baseline (value only) / fused (value + gradient)", baseline / fused, "ratio"),
        ];
    }
}

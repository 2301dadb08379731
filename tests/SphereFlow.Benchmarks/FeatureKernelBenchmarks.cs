using BenchmarkDotNet.Attributes;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Losses;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Benchmarks;

/// <summary>First variation and prediction of the relu network (k = 2 and k = 100): fused kernels vs the two-pass baseline.</summary>
[MemoryDiagnoser]
public class FeatureKernelBenchmarks
{
    private WeightedData _data = null!;
    private ReluFeatures _map = null!;
    private double[] _eta = null!, _g = null!, _scratch = null!, _grad = null!;
    private NetworkObjective _objective = null!;
    private SphereFlow.Measures.Measure _nu = null!;

    /// <summary>Input dimension.</summary>
    [Params(2, 100)]
    public int K { get; set; }

    /// <summary>Builds the data.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var teacher = TeacherNetwork.Random(K, 4, 1);
        _data = teacher.MonteCarlo(2048, 2);
        _map = new ReluFeatures(K);
        _nu = ParticleInitialMeasures.Uniform(K + 1, 256, 1.0, 3);
        _eta = _nu.Point(0).ToArray();
        _g = _data.Y.Select(y => 0.1 * y).ToArray();
        _scratch = new double[2 * _data.Count];
        _grad = new double[K + 1];
        _objective = new NetworkObjective(_data, _map, new SquareLoss(), 0);
    }

    /// <summary>Fused value + gradient.</summary>
    [Benchmark(Baseline = true)]
    public double ContractFused() => _map.Contract(_eta, _data.View, _g, _grad, _scratch);

    /// <summary>Two passes: values then a dot product (no gradient).</summary>
    [Benchmark]
    public double EvaluateThenDot()
    {
        _map.Evaluate(_eta, _data.View, _scratch);
        return System.Numerics.Tensors.TensorPrimitives.Dot(_g, _scratch.AsSpan(0, _data.Count));
    }

    /// <summary>Prediction h over all data for 256 atoms.</summary>
    [Benchmark]
    public double[] Predict() => _objective.Predict(_nu);
}

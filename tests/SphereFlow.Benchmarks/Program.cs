using BenchmarkDotNet.Running;

// BenchmarkDotNet micro-benchmarks of the hot kernels: dotnet run -c Release --project tests/SphereFlow.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SphereFlow.Benchmarks.FeatureKernelBenchmarks).Assembly).Run(args);

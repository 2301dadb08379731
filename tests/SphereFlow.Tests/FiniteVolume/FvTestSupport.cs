using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Shared helpers of the finite-volume tests: small meshes, random smooth potentials, runs to a final time.</summary>
internal static class FvTestSupport
{
    /// <summary>Small meshes of every available kind (S^1 uniform arcs; registry meshes once available).</summary>
    public static IEnumerable<SphereMesh> SmallMeshes()
    {
        yield return UniformCircleMesh.Create(48);
        foreach (var m in RegistryMeshes.Small()) yield return m;
    }

    /// <summary>A random smooth potential J(η) = a·η + Σ_i b_i exp(κ_i (η·c_i − 1)) on S^{dim−1}.</summary>
    public static PrescribedPotential RandomPotential(int dim, Random rng)
    {
        var a = new double[dim];
        for (int c = 0; c < dim; c++) a[c] = 2 * rng.NextDouble() - 1;
        int bumps = 1 + rng.Next(3);
        var centres = new double[bumps * dim];
        var amp = new double[bumps];
        var kappa = new double[bumps];
        for (int i = 0; i < bumps; i++)
        {
            Sphere.SampleUniform(rng, centres.AsSpan(i * dim, dim));
            amp[i] = 4 * rng.NextDouble() - 2;
            kappa[i] = 0.5 + 6 * rng.NextDouble();
        }
        return new PrescribedPotential(dim, eta =>
        {
            double v = Sphere.Dot(a, eta);
            for (int i = 0; i < bumps; i++) v += amp[i] * Math.Exp(kappa[i] * (Sphere.Dot(eta, centres.AsSpan(i * dim, dim)) - 1));
            return v;
        });
    }

    /// <summary>A flow of each kind.</summary>
    public static FlowSpec Flow(FlowKind kind, double alpha = 4, double beta = 1) => kind switch
    {
        FlowKind.Wasserstein => new FlowSpec(FlowKind.Wasserstein, 0, beta),
        _ => new FlowSpec(kind, alpha, beta),
    };

    /// <summary>Advances to exactly <paramref name="tEnd"/> (steps limited by the CFL bound and by <paramref name="dtMax"/>).</summary>
    public static void RunTo(MeshSolver solver, double tEnd, double dtMax = double.PositiveInfinity)
    {
        while (solver.Time < tEnd * (1 - 1e-14))
            solver.Advance(Math.Min(dtMax, tEnd - solver.Time));
    }

    /// <summary>Least-squares slope of log(err) against log(h).</summary>
    public static double Slope(IReadOnlyList<double> h, IReadOnlyList<double> err)
    {
        int n = h.Count;
        double mx = h.Average(Math.Log), my = err.Average(Math.Log), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = Math.Log(h[i]) - mx;
            sxy += dx * (Math.Log(err[i]) - my); sxx += dx * dx;
        }
        return sxy / sxx;
    }
}

using MathNet.Numerics.Distributions;
using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Solvers.Initialization;

/// <summary>Initial particle measures: m equal masses summing to a given total.</summary>
public static class ParticleInitialMeasures
{
    /// <summary>iid uniform points on S^d (seeded), masses total/m.</summary>
    public static Measure Uniform(int ambientDim, int m, double totalMass, int seed)
    {
        var nu = Equal(ambientDim, m, totalMass);
        var rng = new Random(seed);
        for (int j = 0; j < m; j++) Sphere.SampleUniform(rng, nu.Point(j));
        return nu;
    }

    /// <summary>
    /// Stratified (quasi-uniform) points: equally spaced on S^1, a Fibonacci lattice on S^2, and for d ≥ 3 a
    /// scrambled Halton sequence mapped through the Gaussian quantile and normalised (a low-discrepancy sample of the
    /// uniform measure). Masses total/m.
    /// </summary>
    public static Measure Stratified(int ambientDim, int m, double totalMass, int seed)
    {
        var nu = Equal(ambientDim, m, totalMass);
        if (ambientDim == 2)
        {
            double offset = new Random(seed).NextDouble();
            for (int j = 0; j < m; j++)
            {
                double th = 2 * Math.PI * (j + offset) / m;
                nu.Points[2 * j] = Math.Cos(th); nu.Points[2 * j + 1] = Math.Sin(th);
            }
        }
        else if (ambientDim == 3)
        {
            double golden = Math.PI * (3 - Math.Sqrt(5));
            for (int j = 0; j < m; j++)
            {
                double z = 1 - (2.0 * j + 1) / m, r = Math.Sqrt(Math.Max(0, 1 - z * z)), th = golden * j;
                nu.Points[3 * j] = r * Math.Cos(th); nu.Points[3 * j + 1] = r * Math.Sin(th); nu.Points[3 * j + 2] = z;
            }
        }
        else
        {
            var rng = new Random(seed);
            var shift = new double[ambientDim];
            for (int c = 0; c < ambientDim; c++) shift[c] = rng.NextDouble();
            int[] primes = FirstPrimes(ambientDim);
            for (int j = 0; j < m; j++)
            {
                var eta = nu.Point(j);
                for (int c = 0; c < ambientDim; c++)
                {
                    double u = (RadicalInverse(j + 1, primes[c]) + shift[c]) % 1.0;
                    u = Math.Clamp(u, 1e-12, 1 - 1e-12);
                    eta[c] = Normal.InvCDF(0, 1, u);
                }
                Sphere.Normalize(eta);
            }
        }
        return nu;
    }

    private static Measure Equal(int ambientDim, int m, double totalMass)
    {
        if (m < 1) throw new ArgumentException("the number of particles m must be ≥ 1");
        if (!(totalMass > 0) || !double.IsFinite(totalMass)) throw new ArgumentException("initial total mass must be finite and > 0");
        var nu = new Measure(ambientDim, m);
        Array.Fill(nu.Mass, totalMass / m);
        return nu;
    }

    private static double RadicalInverse(int i, int b)
    {
        double f = 1, r = 0;
        while (i > 0) { f /= b; r += f * (i % b); i /= b; }
        return r;
    }

    private static int[] FirstPrimes(int count)
    {
        var p = new List<int>();
        for (int n = 2; p.Count < count; n++)
            if (p.TrueForAll(q => n % q != 0)) p.Add(n);
        return [.. p];
    }
}

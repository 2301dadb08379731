using System.Numerics.Tensors;

namespace SphereFlow.Geometry;

/// <summary>
/// Geometry of the unit sphere S^d = {η ∈ R^{d+1} : |η| = 1}. Points are unit vectors in R^{d+1}
/// stored in spans of length d + 1 (the ambient dimension).
/// </summary>
public static class Sphere
{
    /// <summary>Surface measure |S^d| = 2 π^{(d+1)/2} / Γ((d+1)/2).</summary>
    public static double SurfaceArea(int d)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(d);
        // Recurrence |S^d| = 2π/(d−1) |S^{d−2}|, |S^0| = 2, |S^1| = 2π: exact for every d.
        double a = d % 2 == 0 ? 2.0 : 2.0 * Math.PI;
        for (int k = d % 2 == 0 ? 2 : 3; k <= d; k += 2) a *= 2.0 * Math.PI / (k - 1);
        return a;
    }

    /// <summary>Euclidean dot product.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => TensorPrimitives.Dot(a, b);

    /// <summary>Euclidean norm.</summary>
    public static double Norm(ReadOnlySpan<double> a) => TensorPrimitives.Norm(a);

    /// <summary>Scales <paramref name="v"/> in place to unit length (the retraction onto S^d); returns the old norm.</summary>
    public static double Normalize(Span<double> v)
    {
        double n = TensorPrimitives.Norm(v);
        if (!(n > 0) || !double.IsFinite(n)) throw new ArithmeticException("cannot normalise a zero or non-finite vector onto the sphere");
        TensorPrimitives.Multiply(v, 1.0 / n, v);
        return n;
    }

    /// <summary>Projects <paramref name="v"/> in place onto the tangent space at η: v ← (I − ηηᵀ) v.</summary>
    public static void ProjectTangent(ReadOnlySpan<double> eta, Span<double> v)
    {
        double s = TensorPrimitives.Dot(eta, v);
        for (int c = 0; c < v.Length; c++) v[c] -= s * eta[c];
    }

    /// <summary>Geodesic (great-circle) distance between two unit vectors, accurate also for nearby and antipodal points.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Angle(a, 1, b, 1);

    /// <summary>
    /// Angle between u/|u| and v/|v| given the norms <paramref name="nu"/> = |u| and <paramref name="nv"/> = |v|, accurate for
    /// nearly parallel and antiparallel vectors: atan2(|a×b|, a·b) generalised through |a − b| and |a + b|, which give a
    /// well-conditioned angle everywhere.
    /// </summary>
    public static double Angle(ReadOnlySpan<double> u, double nu, ReadOnlySpan<double> v, double nv)
    {
        double dm = 0, dp = 0;
        for (int c = 0; c < u.Length; c++)
        {
            double a = u[c] / nu, b = v[c] / nv;
            double m = a - b, p = a + b;
            dm += m * m; dp += p * p;
        }
        return 2.0 * Math.Atan2(Math.Sqrt(dm), Math.Sqrt(dp));
    }

    /// <summary>The angle θ ∈ [0, 2π) of a point η = (cos θ, sin θ) of S^1.</summary>
    public static double CircleAngle(ReadOnlySpan<double> eta)
    {
        double a = Math.Atan2(eta[1], eta[0]);
        return a < 0 ? a + 2 * Math.PI : a;
    }

    /// <summary>Exponential map: moves η along the great circle with initial tangent velocity v for unit time, in place.</summary>
    public static void ExpMap(Span<double> eta, ReadOnlySpan<double> v)
    {
        double s = TensorPrimitives.Norm(v);
        if (s == 0) return;
        double cs = Math.Cos(s), sn = Math.Sin(s) / s;
        for (int c = 0; c < eta.Length; c++) eta[c] = cs * eta[c] + sn * v[c];
        Normalize(eta);
    }

    /// <summary>Writes a point drawn from the uniform distribution on S^d into <paramref name="eta"/>.</summary>
    public static void SampleUniform(Random rng, Span<double> eta)
    {
        double n;
        do
        {
            for (int c = 0; c < eta.Length; c++) eta[c] = Gaussian(rng);
            n = TensorPrimitives.Norm(eta);
        } while (n < 1e-12);
        TensorPrimitives.Multiply(eta, 1.0 / n, eta);
    }

    /// <summary>A standard normal variate (Box–Muller, one value per call; deterministic given the generator).</summary>
    public static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

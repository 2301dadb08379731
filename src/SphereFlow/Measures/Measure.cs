using System.Numerics.Tensors;

namespace SphereFlow.Measures;

/// <summary>
/// A weighted atomic measure ν = Σ_j M_j δ_{η_j} on S^d: a particle set, or a mesh's cell masses at cell
/// centres. Points are stored row-major (η_j contiguous, length <see cref="AmbientDim"/> = d + 1).
/// </summary>
public sealed class Measure
{
    /// <summary>Ambient dimension d + 1.</summary>
    public int AmbientDim { get; }

    /// <summary>Number of atoms.</summary>
    public int Count { get; }

    /// <summary>Masses M_j ≥ 0.</summary>
    public double[] Mass { get; }

    /// <summary>Atom positions, row-major (Count × AmbientDim).</summary>
    public double[] Points { get; }

    /// <summary>Wraps existing arrays (no copy).</summary>
    public Measure(int ambientDim, double[] mass, double[] points)
    {
        ArgumentNullException.ThrowIfNull(mass);
        ArgumentNullException.ThrowIfNull(points);
        if (ambientDim < 2) throw new ArgumentException("measures live on S^d with d ≥ 1: ambient dimension must be ≥ 2");
        if (points.Length != mass.Length * ambientDim) throw new ArgumentException($"{points.Length} coordinates do not fit {mass.Length} atoms in dimension {ambientDim}");
        AmbientDim = ambientDim; Count = mass.Length; Mass = mass; Points = points;
    }

    /// <summary>An empty measure of the given size (all masses zero, all points zero).</summary>
    public Measure(int ambientDim, int count) : this(ambientDim, new double[count], new double[count * ambientDim]) { }

    /// <summary>Position of atom j.</summary>
    public Span<double> Point(int j) => Points.AsSpan(j * AmbientDim, AmbientDim);

    /// <summary>Total mass ν(S^d).</summary>
    public double TotalMass => TensorPrimitives.Sum(Mass);

    /// <summary>A deep copy.</summary>
    public Measure Clone() => new(AmbientDim, (double[])Mass.Clone(), (double[])Points.Clone());

    /// <summary>Copies masses and points from a measure of the same shape.</summary>
    public void CopyFrom(Measure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.AmbientDim != AmbientDim || other.Count != Count) throw new ArgumentException("measure shapes differ");
        other.Mass.CopyTo(Mass, 0);
        other.Points.CopyTo(Points, 0);
    }

    /// <summary>Throws if a mass is negative or non-finite, or a point is not a unit vector to within <paramref name="tolerance"/>.</summary>
    public void Validate(double tolerance = 1e-9)
    {
        for (int j = 0; j < Count; j++)
        {
            if (!double.IsFinite(Mass[j]) || Mass[j] < 0) throw new ArgumentException($"atom {j}: mass must be finite and ≥ 0 (got {Mass[j]})");
            double n = TensorPrimitives.Norm((ReadOnlySpan<double>)Point(j));
            if (!double.IsFinite(n) || Math.Abs(n - 1) > tolerance) throw new ArgumentException($"atom {j}: point is not on the unit sphere (|η| = {n})");
        }
    }
}

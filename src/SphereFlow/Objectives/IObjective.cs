using SphereFlow.Measures;

namespace SphereFlow.Objectives;

/// <summary>
/// A convex functional F of measures on S^d together with its first variation J(η|ν) = δF/δν(η).
/// </summary>
public interface IObjective
{
    /// <summary>Ambient dimension d + 1 of the sphere the measures live on.</summary>
    int AmbientDim { get; }

    /// <summary>Evaluates F at ν and returns what is needed to evaluate J(·|ν) anywhere.</summary>
    Linearization Linearize(Measure nu);
}

/// <summary>F(ν) and the first variation J(·|ν) at a fixed ν.</summary>
public abstract class Linearization
{
    /// <summary>F(ν).</summary>
    public abstract double Energy { get; }

    /// <summary>
    /// Evaluates J(η|ν) at <c>count = j.Length</c> points (row-major in <paramref name="points"/>) and, when
    /// <paramref name="gradS"/> is non-empty, the tangential gradient ∇_s J (row-major, same shape as points).
    /// Runs in parallel over points.
    /// </summary>
    public abstract void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS);

    /// <summary>J at a single point.</summary>
    public double At(ReadOnlySpan<double> eta)
    {
        Span<double> j = stackalloc double[1];
        Evaluate(eta, j, Span<double>.Empty);
        return j[0];
    }
}

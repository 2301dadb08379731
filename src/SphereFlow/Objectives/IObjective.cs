using System.Buffers;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Numerics;

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

    /// <summary>J at one point: returns J(η) and, when <paramref name="gradient"/> is non-empty, writes a Euclidean gradient there.</summary>
    protected delegate double PointKernel(ReadOnlySpan<double> eta, Span<double> gradient, Span<double> scratch);

    /// <summary>
    /// Shared driver of <see cref="Evaluate"/>: runs <paramref name="kernel"/> over the points in parallel chunks of
    /// about 2^17 units of work (each point costing <paramref name="costPerPoint"/>), with <paramref name="scratchLength"/>
    /// scratch values per chunk, and projects the gradients onto the tangent spaces.
    /// </summary>
    protected static void EvaluatePointwise(int dim, ReadOnlySpan<double> points, Span<double> j, Span<double> gradS,
                                            double costPerPoint, int scratchLength, PointKernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        int count = j.Length;
        if (points.Length != count * dim) throw new ArgumentException("points and J lengths disagree");
        bool wantGrad = !gradS.IsEmpty;
        if (wantGrad && gradS.Length != points.Length) throw new ArgumentException("gradient length must equal points length");
        // Spans cannot enter lambdas: copy to pooled arrays for the parallel loop.
        var pts = ArrayPool<double>.Shared.Rent(points.Length);
        var jOut = ArrayPool<double>.Shared.Rent(count);
        var gOut = wantGrad ? ArrayPool<double>.Shared.Rent(points.Length) : null;
        try
        {
            points.CopyTo(pts);
            int chunk = Math.Max(1, ParallelRanges.ChunkFor(count, costPerPoint, 1 << 17));
            ParallelRanges.For(count, chunk, (_, p0, p1) =>
            {
                var scratch = ArrayPool<double>.Shared.Rent(Math.Max(1, scratchLength));
                Span<double> grad = stackalloc double[dim];
                try
                {
                    for (int p = p0; p < p1; p++)
                    {
                        var eta = new ReadOnlySpan<double>(pts, p * dim, dim);
                        jOut[p] = kernel(eta, wantGrad ? grad : Span<double>.Empty, scratch);
                        if (!wantGrad) continue;
                        Sphere.ProjectTangent(eta, grad);
                        grad.CopyTo(gOut.AsSpan(p * dim, dim));
                    }
                }
                finally { ArrayPool<double>.Shared.Return(scratch); }
            });
            jOut.AsSpan(0, count).CopyTo(j);
            if (wantGrad) gOut.AsSpan(0, points.Length).CopyTo(gradS);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(pts);
            ArrayPool<double>.Shared.Return(jOut);
            if (gOut is not null) ArrayPool<double>.Shared.Return(gOut);
        }
    }
}

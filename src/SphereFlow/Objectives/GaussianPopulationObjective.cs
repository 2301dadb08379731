using System.Buffers;
using SphereFlow.Data;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Numerics;

namespace SphereFlow.Objectives;

/// <summary>
/// The exact Gaussian population objective of a ReLU student against a ReLU teacher, in any input dimension k:
/// x ~ N(0, I_k), Ψ(η)(x) = a max(0, b·x) for η = (a, b) ∈ S^k, y(x) = Σ_t A_t max(0, B_t·x), and
/// F(ν) = ½ E[(h(x) − y(x))²] + λ ν(S^k), expanded with the degree-1 arc-cosine kernel
/// κ(u, v) = E[max(0, u·x) max(0, v·x)] = |u||v| (sin θ + (π − θ) cos θ) / (2π), θ = angle(u, v).
/// Writing the student and the negated teacher as one signed list (c_l, u_l) = (M_j a_j, b_j) ∪ (−A_t, B_t):
/// F = ½ Σ_{l,l'} c_l c_l' κ(u_l, u_l') + λ Σ_j M_j, J(η|ν) = a Σ_l c_l κ(b, u_l) + λ, and the Euclidean gradient
/// of the (2-homogeneous) extension is (∂_a, ∇_b) = (Σ_l c_l κ(b, u_l), a Σ_l c_l ∇_u κ(b, u_l)) with
/// ∇_u κ(u, v) = ((π − θ) v + |v| sin θ · u/|u|) / (2π) (taken as 0 at u = 0, the convention 1[0 &gt; 0] = 0 of the
/// sampled ReLU kernels). Cost O((m + m0)² k) for F and O((m + m0) k) per point for J; no sampling.
/// </summary>
public sealed class GaussianPopulationObjective : IObjective
{
    /// <summary>Creates the objective for a teacher with input dimension k (η ∈ S^k) and weight decay λ ≥ 0.</summary>
    public GaussianPopulationObjective(TeacherNetwork teacher, double lambda)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        if (!(lambda >= 0) || !double.IsFinite(lambda)) throw new ArgumentException("lambda must be finite and ≥ 0");
        Teacher = teacher; Lambda = lambda;
    }

    /// <summary>The teacher network.</summary>
    public TeacherNetwork Teacher { get; }
    /// <summary>Weight decay λ.</summary>
    public double Lambda { get; }
    /// <summary>Input dimension k.</summary>
    public int InputDim => Teacher.InputDim;
    /// <inheritdoc/>
    public int AmbientDim => Teacher.InputDim + 1;

    /// <summary>The arc-cosine kernel κ(u, v) = E[max(0, u·x) max(0, v·x)], x ~ N(0, I_k), given |u|, |v|.</summary>
    public static double Kernel(ReadOnlySpan<double> u, double nu, ReadOnlySpan<double> v, double nv)
    {
        if (nu == 0 || nv == 0) return 0;
        double theta = Sphere.Angle(u, nu, v, nv);
        return nu * nv * (Math.Sin(theta) + (Math.PI - theta) * Math.Cos(theta)) / (2 * Math.PI);
    }

    /// <summary>
    /// Adds <paramref name="weight"/> · ∇_u κ(u, v) to <paramref name="grad"/> and returns κ(u, v).
    /// </summary>
    public static double KernelAndGradient(ReadOnlySpan<double> u, double nu, ReadOnlySpan<double> v, double nv, double weight, Span<double> grad)
    {
        if (nu == 0 || nv == 0) return 0;
        double theta = Sphere.Angle(u, nu, v, nv), s = Math.Sin(theta), c = Math.Cos(theta);
        double cv = weight * (Math.PI - theta) / (2 * Math.PI);
        double cu = weight * nv * s / (nu * 2 * Math.PI);
        for (int i = 0; i < grad.Length; i++) grad[i] += cv * v[i] + cu * u[i];
        return nu * nv * (s + (Math.PI - theta) * c) / (2 * Math.PI);
    }

    /// <summary>The population risk ½ E[(h − y)²] of ν (F without the weight-decay term).</summary>
    public double Risk(Measure nu) => ((PopulationLinearization)Linearize(nu)).Risk;

    /// <inheritdoc/>
    public Linearization Linearize(Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        if (nu.AmbientDim != AmbientDim) throw new ArgumentException($"measure lives in R^{nu.AmbientDim}, objective expects R^{AmbientDim}");
        int k = InputDim, m = nu.Count, m0 = Teacher.Width, count = m + m0;
        var coef = new double[count];
        var dirs = new double[count * k];
        var norms = new double[count];
        for (int j = 0; j < m; j++)
        {
            var eta = nu.Point(j);
            coef[j] = nu.Mass[j] * eta[0];
            eta.Slice(1, k).CopyTo(dirs.AsSpan(j * k, k));
        }
        for (int t = 0; t < m0; t++)
        {
            coef[m + t] = -Teacher.A[t];
            Teacher.B.AsSpan(t * k, k).CopyTo(dirs.AsSpan((m + t) * k, k));
        }
        for (int l = 0; l < count; l++) norms[l] = Sphere.Norm(dirs.AsSpan(l * k, k));
        // ½ Σ_{l,l'} c_l c_l' κ: rows summed in parallel chunks, reduced in chunk order (deterministic).
        int chunk = Math.Max(1, ParallelRanges.ChunkFor(count, (double)count * k, 1 << 16));
        var partial = new double[ParallelRanges.ChunkCount(count, chunk)];
        ParallelRanges.For(count, chunk, (ci, l0, l1) =>
        {
            double acc = 0;
            for (int l = l0; l < l1; l++)
            {
                if (coef[l] == 0) continue;
                var ul = new ReadOnlySpan<double>(dirs, l * k, k);
                double row = 0.5 * coef[l] * Kernel(ul, norms[l], ul, norms[l]);
                for (int q = l + 1; q < count; q++)
                    if (coef[q] != 0) row += coef[q] * Kernel(ul, norms[l], new ReadOnlySpan<double>(dirs, q * k, k), norms[q]);
                acc += coef[l] * row;
            }
            partial[ci] = acc;
        });
        double risk = 0;
        foreach (var p in partial) risk += p;
        return new PopulationLinearization(this, coef, dirs, norms, risk, risk + Lambda * nu.TotalMass);
    }

    private sealed class PopulationLinearization(GaussianPopulationObjective o, double[] coef, double[] dirs, double[] norms, double risk, double energy) : Linearization
    {
        public double Risk { get; } = risk;

        public override double Energy => energy;

        public override void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS)
        {
            int dim = o.AmbientDim, k = o.InputDim, atoms = coef.Length;
            EvaluatePointwise(dim, points, j, gradS, (double)atoms * k, 0, (eta, grad, _) =>
            {
                bool wantGrad = !grad.IsEmpty;
                double a = eta[0];
                var b = eta.Slice(1, k);
                double nb = Sphere.Norm(b), s = 0;
                if (wantGrad) grad.Clear();
                var gb = wantGrad ? grad.Slice(1, k) : Span<double>.Empty;
                for (int l = 0; l < atoms; l++)
                {
                    if (coef[l] == 0) continue;
                    var ul = new ReadOnlySpan<double>(dirs, l * k, k);
                    s += wantGrad
                        ? coef[l] * KernelAndGradient(b, nb, ul, norms[l], coef[l], gb)
                        : coef[l] * Kernel(b, nb, ul, norms[l]);
                }
                if (wantGrad)
                {
                    grad[0] = s;
                    for (int i = 0; i < k; i++) gb[i] *= a;
                }
                return a * s + o.Lambda;
            });
        }
    }
}

using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Tests.Properties;

/// <summary>
/// The first variation J and its tangential gradient against derivatives of F and J taken here by central differences,
/// and the homogeneity of the ReLU maps (Ψ(rη) = r²Ψ(η) and its Euler identity η·∇Ψ = 2Ψ).
/// </summary>
[Collection(SolverPropertyCollection.Name)]
public class FirstVariationProperties
{
    private static readonly string[] Homogeneous = ["relu", "relu-bias"];

    private static Arbitrary<ProblemSpec> HomogeneousProblems() =>
        Arb.From(Gen.Elements(Homogeneous).SelectMany(f => Generators.Problem(f)), p => p.Shrink());

    /// <summary>
    /// Ψ(rη)(x) = r² Ψ(η)(x) for r ∈ (0, 4], and the gradient of Σ g_i Ψ(η)(x_i) satisfies η·∇ = 2 Σ g_i Ψ. Errors are measured
    /// against the condition scale of each evaluation, S_i = |a| (Σ_c |b_c x_ic| + |c|) for η = (a, b, c) (the sum of the absolute
    /// terms; relu has no c): a (k + 2)-term evaluation errs by at most γ_{k+2} S_i ≈ 5u S_i, so 1e-13 (≈ 900u) of r² S_i for
    /// homogeneity and 1e-12 of Σ_i |g_i| S_i for the Euler identity (n ≤ 24 terms more) leave a wide margin; a wrong power of r
    /// or a dropped gradient component is off by a whole term. (Relative to max |Ψ| instead, a datum set whose b·x + c all
    /// nearly cancel failed on correct code: 1.02e-13 at 3000 cases.)
    /// </summary>
    [SolverProperty]
    public Property Relu_maps_are_two_homogeneous_and_satisfy_the_euler_identity() => Prop.ForAll(HomogeneousProblems(),
        Gen.Choose(1, 40).Select(i => i / 10.0).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (p, r, seed) =>
    {
        var map = p.Map();
        var data = p.Data();
        var eta = new double[map.AmbientDim];
        Sphere.SampleUniform(new Random(seed), eta);
        var scaled = eta.Select(v => r * v).ToArray();
        var v1 = new double[data.Count];
        var vr = new double[data.Count];
        map.Evaluate(eta, data.View, v1);
        map.Evaluate(scaled, data.View, vr);
        int k = data.InputDim;
        bool bias = p.Features == "relu-bias";
        double Condition(int i)
        {
            double t = bias ? Math.Abs(eta[k + 1]) : 0;
            for (int c = 0; c < k; c++) t += Math.Abs(eta[1 + c] * data[i, c]);
            return Math.Abs(eta[0]) * t + 1e-300;
        }
        double worst = 0, gScale = 1e-300;
        for (int i = 0; i < data.Count; i++)
        {
            double condition = Condition(i);
            worst = Math.Max(worst, Math.Abs(vr[i] - r * r * v1[i]) / (r * r * condition));
            gScale += Math.Abs(data.Y[i]) * condition;
        }
        var grad = new double[map.AmbientDim];
        var scratch = new double[Math.Max(1, map.ScratchPerPoint * data.Count)];
        double value = map.Contract(eta, data.View, data.Y, grad, scratch);
        double euler = Sphere.Dot(eta, grad);
        return (worst <= 1e-13 && Math.Abs(euler - 2 * value) <= 1e-12 * gScale)
            .Label($"r = {r}: homogeneity defect {worst:E2}; η·∇(Σ gΨ) = {euler:R} vs 2 Σ gΨ = {2 * value:R}");
    });

    /// <summary>
    /// ∫ J dν = d/dε F((1 + ε)ν) at ε = 0 (the definition of the first variation along ν itself), by a central difference with
    /// ε = 1e-4: exact up to round-off for the square loss (F is quadratic in ε), O(ε²|F'''|) ≤ 1e-7 of the scale for the
    /// logistic loss (|ℓ'''| ≤ 0.1).
    /// </summary>
    [SolverProperty]
    public void First_variation_integrates_to_the_derivative_of_F_along_nu(ProblemSpec p, MeasureSpec m)
    {
        var objective = p.Objective();
        var nu = m.Build(p.AmbientDim);
        var (j, _, f) = PropertyMath.FirstVariation(objective, nu);
        double integral = 0, absIntegral = 0;
        for (int q = 0; q < nu.Count; q++) { integral += nu.Mass[q] * j[q]; absIntegral += nu.Mass[q] * Math.Abs(j[q]); }
        const double eps = 1e-4;
        double F(double e)
        {
            var scaled = nu.Clone();
            for (int q = 0; q < scaled.Count; q++) scaled.Mass[q] *= 1 + e;
            return objective.Linearize(scaled).Energy;
        }
        double fd = (F(eps) - F(-eps)) / (2 * eps);
        double tol = (p.Loss == "square" ? 1e-9 : 1e-7) * (Math.Abs(f) + absIntegral + 1e-300);
        Assert.True(Math.Abs(fd - integral) <= tol, $"∫J dν = {integral:R}, dF((1+ε)ν)/dε = {fd:R}");
    }

    /// <summary>
    /// ∇_s J(η)·v = d/ds J(exp_η(s v)) at s = 0 for unit tangent v, central difference with s = 1e-5 (error O(s²) ≤ 1e-8 of the
    /// scale for the smooth maps). ReLU maps are smooth away from the kinks b·x_i + c = 0: points with a kink within 1e-3 are
    /// skipped.
    /// </summary>
    [SolverProperty]
    public void Tangential_gradient_is_the_derivative_of_J_along_great_circles(ProblemSpec p, MeasureSpec m)
    {
        var objective = p.Objective();
        var nu = m.Build(p.AmbientDim);
        var lin = objective.Linearize(nu);
        int dim = p.AmbientDim;
        var rng = new Random(m.Seed);
        var eta = new double[dim];
        Sphere.SampleUniform(rng, eta);
        if (Homogeneous.Contains(p.Features) && NearKink(p, eta)) return;
        var v = new double[dim];
        for (int c = 0; c < dim; c++) v[c] = Sphere.Gaussian(rng);
        Sphere.ProjectTangent(eta, v);
        Sphere.Normalize(v);
        var j = new double[1];
        var g = new double[dim];
        lin.Evaluate(eta, j, g);
        const double s = 1e-5;
        double At(double t)
        {
            var x = (double[])eta.Clone();
            Sphere.ExpMap(x, v.Select(c => c * t).ToArray());
            return lin.At(x);
        }
        double fd = (At(s) - At(-s)) / (2 * s);
        double scale = Math.Abs(j[0]) + Sphere.Norm(g) + 1e-300;
        Assert.True(Math.Abs(fd - Sphere.Dot(g, v)) <= 1e-6 * scale, $"∇_sJ·v = {Sphere.Dot(g, v):R}, central difference {fd:R}");
    }

    private static bool NearKink(ProblemSpec p, ReadOnlySpan<double> eta)
    {
        var data = p.Data();
        int k = p.InputDim, n = data.Count;
        for (int i = 0; i < n; i++)
        {
            double s = p.Features == "relu-bias" ? eta[k + 1] : 0;
            for (int c = 0; c < k; c++) s += eta[1 + c] * data.X[c * n + i];
            if (Math.Abs(s) < 1e-3) return true;
        }
        return false;
    }
}

using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Features;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Solvers.Reference;

namespace SphereFlow.Tests.Properties;

/// <summary>
/// Optimality of the convex reference solution over masses at fixed points (square loss, λ &gt; 0), checked with J
/// recomputed here from the objective (not the reference's own gradient): J ≥ −1e-9 · max|J| at every point and
/// M_K |J_K| ≤ 1e-9 · max|J| · (ν(S^d) + 1) (complementarity), and no feasible perturbation of the masses lowers F (convexity makes the first-order
/// conditions sufficient, so this is independent of how the reference stops).
/// </summary>
[Collection(SolverPropertyCollection.Name)]
public class OptimalityProperties
{
    private static readonly SphereMesh Circle = UniformCircleMesh.Create(24);

    [SolverProperty]
    public Property Convex_reference_optimum_satisfies_kkt_and_no_feasible_perturbation_lowers_F() => Prop.ForAll(
        Arb.From(Gen.Elements(FeatureMaps.Names.Where(f => ProblemSpec.InputDimFor(f, 2) > 0).ToArray())
            .SelectMany(f => Generators.Problem(f, 2)).Select(p => p with { Loss = "square", Lambda = Math.Max(p.Lambda, 0.01), Points = Math.Max(p.Points, 4) }), p => p.Shrink().Where(q => q.Lambda > 0 && q.Loss == "square")),
        Gen.Choose(0, 1_000_000).ToArbitrary(), (p, seed) =>
    {
        var objective = p.Objective();
        var opt = ConvexReference.Solve(objective, Circle);
        // The active set stops unconverged when its Gram matrix turns singular (rank-deficient data, e.g. n = 4 points); FISTA
        // then solves the same problem to its certified (Fenchel) gap, which the perturbation test allows for (found by this property).
        bool activeSet = opt.Converged;
        if (!activeSet) opt = ConvexReference.Solve(objective, Circle, new ConvexReferenceOptions { Method = ConvexReferenceMethod.Fista, MaxIterations = 3000 });
        if (!double.IsFinite(opt.Gap)) return false.Label($"no certified gap: {opt.GapKind}, KKT residual {opt.KktResidual:E2}, {opt.Iterations} iterations");
        var nu = new Measure(2, (double[])opt.Masses.Clone(), (double[])Circle.Centers.Clone());
        var (j, _, f) = PropertyMath.FirstVariation(objective, nu);
        double jScale = j.Max(Math.Abs) + p.Lambda, total = opt.Masses.Sum() + 1;
        for (int k = 0; k < j.Length && activeSet; k++)     // FISTA's iterate is optimal only to its gap: perturbations only
        {
            if (j[k] < -1e-9 * jScale) return false.Label($"J = {j[k]:R} < 0 at point {k} (reference: gap {opt.Gap:E2} {opt.GapKind}, KKT {opt.KktResidual:E2})");
            if (opt.Masses[k] * Math.Abs(j[k]) > 1e-9 * jScale * total) return false.Label($"J = {j[k]:R} ≠ 0 on the support (point {k}, mass {opt.Masses[k]:R})");
        }
        var rng = new Random(seed);
        for (int trial = 0; trial < 20; trial++)
        {
            var moved = nu.Clone();
            for (int e = 0; e < 3; e++)
            {
                int k = rng.Next(moved.Count);
                double delta = (rng.NextDouble() - 0.3) * 1e-3 * total;
                moved.Mass[k] = Math.Max(0, moved.Mass[k] + delta);
            }
            double fm = objective.Linearize(moved).Energy;
            if (fm < f - opt.Gap - 1e-13 * Math.Abs(f)) return false.Label($"a feasible perturbation lowers F by more than the certified gap {opt.Gap:E2}: {f:R} → {fm:R}");
        }
        return true.ToProperty();
    });
}

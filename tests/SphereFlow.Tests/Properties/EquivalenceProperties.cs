using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;


using SphereFlow.Solvers.Stepping;
using SphereFlow.Solvers.Weights;

namespace SphereFlow.Tests.Properties;

/// <summary>
/// Equivalences between solvers of the same continuous flow. Where the two discretisations differ, the tolerance is an
/// independent error estimate: for a method of order p ≥ 1, |y(h) − y| ≈ |y(h) − y(h/2)| · 2^p/(2^p − 1) ≤ 2 |y(h) − y(h/2)|
/// (Richardson), and the asserted bound is 3 × (the sum of both solvers' estimates) + round-off, the factor 3 for the
/// pre-asymptotic regime (h·L ≤ 0.05 here).
/// </summary>
[Collection(SolverPropertyCollection.Name)]
public class EquivalenceProperties
{
    /// <summary>
    /// The w-flow (gradient flow of the weights w_j = √(m M_j) η_j, RK4 in R^{d+1}) equals the lifted particle flow
    /// (α, β) = (4β, β) (RK4 on (M, η)), paper section 4.2, for every feature map and loss.
    /// </summary>
    [SolverProperty]
    public void Weight_flow_equals_the_lifted_particle_flow(ProblemSpec p, MeasureSpec m, FlowChoice f)
    {
        var flow = new FlowSpec(FlowKind.Wfr, 4 * f.Beta, f.Beta);
        var objective = p.Objective();
        var start = m.Build(p.AmbientDim);
        var (j, g, _) = PropertyMath.FirstVariation(objective, start);
        var (jm, gm) = PropertyMath.Scales(j, g, start.AmbientDim);
        double h = 0.05 / (flow.Alpha * jm + flow.Beta * gm + 1), tEnd = 4 * h;
        Measure Run(ISolver s, double step) { PropertyMath.RunTo(s, tEnd, step); return s.Current.Clone(); }
        var w1 = Run(new WeightSolver(objective, flow, start, "rk4"), h);
        var w2 = Run(new WeightSolver(objective, flow, start, "rk4"), h / 2);
        var p1 = Run(new ParticleSolver(objective, flow, start, ParticleSteppers.Create("rk4")), h);
        var p2 = Run(new ParticleSolver(objective, flow, start, ParticleSteppers.Create("rk4")), h / 2);
        double estimate = PropertyMath.Distance(w1, w2) + PropertyMath.Distance(p1, p2);
        double d = PropertyMath.Distance(w1, p1);
        Assert.True(d <= 3 * 2 * estimate + 1e-12, $"w-flow and particle flow differ by {d:E3}; their own error estimates sum to {estimate:E3}");
    }

    /// <summary>
    /// With transport frozen (β = 1e-300: every flux and every position step is below the last bit), the mesh solver is the
    /// particle solver with atoms fixed at the cell centres: Lie splitting and split Euler apply the same exact factor
    /// M e^{−α(J − s)Δt} (equal to round-off); the other mesh steppers agree with a fine RK4 particle reference within their
    /// Richardson estimate (see the class remarks).
    /// </summary>
    [SolverProperty]
    public void Mesh_with_frozen_transport_equals_particles_fixed_at_the_cell_centres(MeshProblemCase c)
    {
        var flow = new FlowSpec(c.Flow.Kind == FlowKind.Wasserstein ? FlowKind.Wfr : c.Flow.Kind, Math.Max(c.Flow.Alpha, 0.5), 1e-300);
        var objective = c.Problem.Objective();
        var masses = c.Masses();
        var atCentres = new Measure(c.Grid.AmbientDim, (double[])masses.Clone(), (double[])c.Grid.Centers.Clone());
        var (j, _, _) = PropertyMath.FirstVariation(objective, atCentres);
        double h = 0.05 / (flow.Alpha * j.Max(Math.Abs) + 1e-3), tEnd = 4 * h;
        double[] Mesh(string stepper, double step)
        {
            var s = new MeshSolver(objective, flow, c.Grid, masses, MeshSteppers.Create(stepper));
            PropertyMath.RunTo(s, tEnd, step);
            return s.Masses.ToArray();
        }
        double[] Particles(IParticleStepper stepper, double step)
        {
            var s = new ParticleSolver(objective, flow, atCentres, stepper);
            PropertyMath.RunTo(s, tEnd, step);
            double moved = 0;
            for (int q = 0; q < s.Current.Count; q++) moved = Math.Max(moved, SphereFlow.Geometry.Sphere.Distance(s.Current.Point(q), c.Grid.Center(q)));
            Assert.True(moved <= 1e-15, $"frozen particles moved by {moved:E2}");
            return s.Current.Mass;
        }
        double total = masses.Sum();
        double Diff(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max() / total;
        double tol;
        double[] mesh = Mesh(c.Stepper, h), reference;
        if (c.Stepper == "lie") { reference = Particles(ParticleSteppers.Create("euler"), h); tol = 1e-13; }
        else
        {
            reference = Particles(ParticleSteppers.Create("rk4"), h / 16);
            tol = 3 * 2 * Diff(mesh, Mesh(c.Stepper, h / 2)) + 1e-12;
        }
        double d = Diff(mesh, reference);
        Assert.True(d <= tol, $"{c.Stepper}: mesh and frozen particles differ by {d:E3} (allowed {tol:E3})");
    }

    /// <summary>
    /// Online SGD is unbiased: the mini-batch gradient of the square loss averages to the population gradient for any batch,
    /// so the mean of one SGD step over R independent batch streams is the full gradient step (w-flow, explicit Euler, on the
    /// exact Gaussian population objective) within standard errors. The step is linear in the batch-mean gradient, so the
    /// mean over R runs of batch B is the step of one batch of N = R·B independent samples: R = ⌈2400/B⌉ gives N ≥ 2400 for
    /// every batch size.
    /// <para>
    /// Calibration (why the old version was flaky). The per-sample gradient is a polynomial of Gaussian inputs (skewness
    /// 1–2, kurtosis 5–12 measured per run); the old test used 300 runs and studentised each coordinate with the standard
    /// error of the same runs. For skewed data the sample mean and the sample variance are correlated (runs that miss the
    /// rare large gradients have both a shifted mean and a small variance), so that t-statistic has tails far heavier than
    /// N(0, 1): over 7,200 replicated coordinates (k = 2, B = 1) it exceeded 5 twice and reached 8.0 (normal: 4e-3
    /// expected above 5), and the property failed at 5.54 standard errors after 870 cases of
    /// SPHEREFLOW_PROPERTY_RUNS=3000, replay (17311930112649426681,18232231297212528637). SGD itself is unbiased there
    /// (30,000 runs of the failing case: all |t| ≤ 1.4). Now the standard error comes from an independent second set of
    /// 2R runs, so it is independent of the mean, and the mean averages N ≥ 2400 samples (skewness of the mean ≤ 2/√2400).
    /// The ratio is then close to N(0, 1): measured over 300 replicates of four problems (k, B) = (2, 1), (4, 8), (3, 2),
    /// (1, 20), 25,200 coordinates in all, the largest |t| was 4.37, with 74 above 3 (normal: 68) and 2 above 4 (normal: 1.6).
    /// Each of the ≤ 25 coordinates is held to 5.5 standard errors: P(|Z| &gt; 5.5) = 3.8e-8, so by the union bound a false
    /// alarm has probability below 1e-4 per 100-case run even at a few times the normal tail. A 10% error in the step
    /// (mutant M09, 0.9γ) moves a coordinate by 0.1·γ|g| against a standard error γσ/√2400, i.e. 4.9·|g|/σ standard errors.
    /// </para>
    /// </summary>
    [SolverProperty]
    public Property Sgd_step_is_the_gradient_step_in_expectation(MeasureSpec m) => Prop.ForAll(
        Gen.Choose(1, 4).ToArbitrary(), Gen.Choose(1, 20).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (k, batch, teacherSeed) =>
    {
        const int samples = 2400;
        const double dt = 0.05, lambda = 0.01;
        int runs = (samples + batch - 1) / batch, varianceRuns = 2 * runs;
        var spec = m with { Count = Math.Min(m.Count, 5) };
        var teacher = TeacherNetwork.Random(k, 2, teacherSeed);
        var population = new GaussianPopulationObjective(teacher, lambda);
        var start = spec.Build(k + 1);
        var gd = new WeightSolver(population, FlowSpec.Lifted, start, "euler");
        gd.Advance(dt);
        var expected = gd.Weights.ToArray();
        int n = expected.Length;
        // Sums of the deviations from the gradient step (small numbers: no cancellation in the variance).
        (double[] Sum, double[] Sum2) Sums(int count, long firstSeed)
        {
            var acc = new double[n];
            var acc2 = new double[n];
            for (int r = 0; r < count; r++)
            {
                var sgd = new SgdSolver(population, FlowSpec.Lifted, start, teacher, new ReluFeatures(k), new SquareLoss(), lambda, batch, seed: firstSeed + r);
                sgd.Advance(dt);
                for (int q = 0; q < n; q++) { double d = sgd.Weights[q] - expected[q]; acc[q] += d; acc2[q] += d * d; }
            }
            return (acc, acc2);
        }
        long seed0 = 100_000L * teacherSeed + 1;
        var (sum, _) = Sums(runs, seed0);
        var (vSum, vSum2) = Sums(varianceRuns, seed0 + runs);
        double worst = 0;
        for (int q = 0; q < n; q++)
        {
            double mean = sum[q] / runs, vMean = vSum[q] / varianceRuns;
            double variance = Math.Max(0, (vSum2[q] - varianceRuns * vMean * vMean) / (varianceRuns - 1));
            double se = Math.Sqrt(variance / runs), dev = Math.Abs(mean), scale = 1 + Math.Abs(expected[q]);
            worst = Math.Max(worst, se > 1e-12 * scale ? dev / se : (dev <= 1e-12 * scale ? 0 : double.PositiveInfinity));
        }
        return (worst <= 5.5).Label($"largest deviation of the SGD mean from the gradient step: {worst:F2} standard errors ({runs} runs of batch {batch})");
    });
}

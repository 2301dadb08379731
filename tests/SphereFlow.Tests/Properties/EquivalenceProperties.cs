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
    /// exact Gaussian population objective) within standard errors. Each of the m(k+1) coordinates is held to 5.5 standard
    /// errors: with ≤ 25 coordinates and 100 cases, a false alarm has probability about 1e-4 per run.
    /// </summary>
    [SolverProperty]
    public Property Sgd_step_is_the_gradient_step_in_expectation(MeasureSpec m) => Prop.ForAll(
        Gen.Choose(1, 4).ToArbitrary(), Gen.Choose(1, 20).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (k, batch, teacherSeed) =>
    {
        const int runs = 300;
        const double dt = 0.05, lambda = 0.01;
        var spec = m with { Count = Math.Min(m.Count, 5) };
        var teacher = TeacherNetwork.Random(k, 2, teacherSeed);
        var population = new GaussianPopulationObjective(teacher, lambda);
        var start = spec.Build(k + 1);
        var gd = new WeightSolver(population, FlowSpec.Lifted, start, "euler");
        gd.Advance(dt);
        var expected = gd.Weights.ToArray();
        int n = expected.Length;
        var sum = new double[n];
        var sum2 = new double[n];
        for (int r = 0; r < runs; r++)
        {
            var sgd = new SgdSolver(population, FlowSpec.Lifted, start, teacher, new ReluFeatures(k), new SquareLoss(), lambda, batch, seed: 1000 * teacherSeed + r + 1);
            sgd.Advance(dt);
            for (int q = 0; q < n; q++) { double w = sgd.Weights[q]; sum[q] += w; sum2[q] += w * w; }
        }
        double worst = 0;
        for (int q = 0; q < n; q++)
        {
            double mean = sum[q] / runs, variance = Math.Max(0, (sum2[q] / runs - mean * mean) * runs / (runs - 1));
            double se = Math.Sqrt(variance / runs), dev = Math.Abs(mean - expected[q]);
            worst = Math.Max(worst, se > 1e-12 * (1 + Math.Abs(mean)) ? dev / se : (dev <= 1e-12 * (1 + Math.Abs(mean)) ? 0 : double.PositiveInfinity));
        }
        return (worst <= 5.5).Label($"largest deviation of the SGD mean from the gradient step: {worst:F2} standard errors");
    });
}

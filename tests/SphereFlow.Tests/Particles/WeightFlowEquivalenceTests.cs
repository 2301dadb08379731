using SphereFlow.Data;
using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Weights;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Particles;

/// <summary>The w-flow (gradient flow of the weights) is the (α, β) = (4, 1) WFR particle flow.</summary>
public class WeightFlowEquivalenceTests(ITestOutputHelper output)
{
    private static (double Mass, double Position) MaxDifference(Measure a, Measure b)
    {
        double dm = 0, dp = 0;
        for (int j = 0; j < a.Count; j++)
        {
            dm = Math.Max(dm, Math.Abs(a.Mass[j] - b.Mass[j]) / Math.Max(a.Mass[j], 1e-300));
            dp = Math.Max(dp, Sphere.Distance(a.Point(j), b.Point(j)));
        }
        return (dm, dp);
    }

    public static TheoryData<string> Objectives => ["vonmises-data", "relu-population-k3"];

    private static IObjective Build(string name) => name switch
    {
        "vonmises-data" => new NetworkObjective(FeatureFixtures.Data("vonmises", 80, 41), FeatureFixtures.Map("vonmises"), new SquareLoss(), 0.02),
        _ => new GaussianPopulationObjective(TeacherNetwork.Random(3, 3, 5), 0.01),
    };

    [Theory]
    [MemberData(nameof(Objectives))]
    public void Weight_flow_and_lifted_particle_flow_agree_to_1e_9_with_rk4(string name)
    {
        var objective = Build(name);
        var start = ParticleInitialMeasures.Uniform(objective.AmbientDim, 24, 1.5, 42);
        // (α, β) = (4β, β): the lifted flow in time βt; β = 5 makes the slow von Mises case move.
        var flow = name == "vonmises-data" ? new FlowSpec(FlowKind.Wfr, 20, 5) : FlowSpec.Lifted;
        var particles = new ParticleSolver(objective, flow, start, ParticleSteppers.Create("rk4"));
        var weights = new WeightSolver(objective, flow, start, "rk4");
        const double dt = 0.002, tEnd = 2.0;
        double f0 = objective.Linearize(start).Energy;
        for (int s = 0; s < (int)Math.Round(tEnd / dt); s++) { particles.Advance(dt); weights.Advance(dt); }
        var (dm, dp) = MaxDifference(particles.Current, weights.Current);
        double f1 = objective.Linearize(particles.Current).Energy;
        output.WriteLine($"{name}: F {f0:E4} -> {f1:E4} by t = {tEnd}; max relative mass difference {dm:E3}, max geodesic position difference {dp:E3}");
        double moved = 0;
        for (int j = 0; j < start.Count; j++) moved = Math.Max(moved, Sphere.Distance(start.Point(j), particles.Current.Point(j)));
        output.WriteLine($"  largest particle displacement {moved:F3} rad");
        Assert.True(f1 < f0 && moved > 0.1, "the run must move the measure");
        Assert.True(dm < 1e-9 && dp < 1e-9, $"mass {dm}, position {dp}");
        // And the conversion round-trips.
        var w = WeightSpace.FromMeasure(start);
        var back = new Measure(start.AmbientDim, start.Count);
        WeightSpace.ToMeasure(w, back);
        var (rm, rp) = MaxDifference(start, back);
        Assert.True(rm < 1e-14 && rp < 1e-14);
    }

    [Fact]
    public void Gradient_descent_on_the_weights_is_first_order_and_converges_to_the_same_trajectory()
    {
        var objective = Build("vonmises-data");
        var start = ParticleInitialMeasures.Uniform(objective.AmbientDim, 10, 1.0, 3);
        var reference = new WeightSolver(objective, FlowSpec.Lifted, start, "rk4");
        for (int s = 0; s < 200; s++) reference.Advance(0.005);
        double[] errs = [.. new[] { 0.01, 0.005 }.Select(dt =>
        {
            var gd = new WeightSolver(objective, FlowSpec.Lifted, start, "euler");
            for (int s = 0; s < (int)Math.Round(1.0 / dt); s++) gd.Advance(dt);
            var (dm, dp) = MaxDifference(reference.Current, gd.Current);
            return Math.Max(dm, dp);
        })];
        double order = Math.Log2(errs[0] / errs[1]);
        output.WriteLine($"gradient descent errors {errs[0]:E3}, {errs[1]:E3}: observed order {order:F2}");
        Assert.InRange(order, 0.8, 1.2);
    }

    [Fact]
    public void Weight_solver_rejects_flows_other_than_the_lifted_one()
    {
        var objective = Build("vonmises-data");
        var start = ParticleInitialMeasures.Uniform(objective.AmbientDim, 4, 1.0, 3);
        Assert.Throws<ArgumentException>(() => new WeightSolver(objective, new FlowSpec(FlowKind.Wfr, 1, 1), start, "rk4"));
        Assert.Throws<ArgumentException>(() => new WeightSolver(objective, new FlowSpec(FlowKind.Wasserstein, 0, 1), start, "rk4"));
        _ = new WeightSolver(objective, new FlowSpec(FlowKind.Wfr, 8, 2), start, "rk4");
    }

    [Fact]
    public void Adaptive_weights_follow_the_lifted_particle_flow_and_resume_bit_for_bit()
    {
        // The w-flow with the shared Dormand–Prince stepper against the particle flow by RK4 at a fine step (itself within
        // 1e-9 of the w-flow, above): each accepted step errs by at most tol·(1 + |w|) in RMS and this gradient flow does not
        // amplify errors, so the global error is at most steps × tol × (1 + max|w|), with |w_j| = √(m M_j) ≈ 1.2 here: below
        // steps × tol × 4.
        var objective = Build("relu-population-k3");
        var start = ParticleInitialMeasures.Uniform(objective.AmbientDim, 16, 1.5, 8);
        const double tol = 1e-8, tEnd = 2.0;
        var reference = new ParticleSolver(objective, FlowSpec.Lifted, start, ParticleSteppers.Create("rk4"));
        for (int s = 0; s < 2000; s++) reference.Advance(tEnd / 2000);
        var a = new WeightSolver(objective, FlowSpec.Lifted, start, "adaptive", tol);
        while (a.Time < tEnd - 1e-12) a.Advance(Math.Min(0.5, tEnd - a.Time));
        var (dm, dp) = MaxDifference(reference.Current, a.Current);
        output.WriteLine($"adaptive w-flow: {a.Steps} steps, {a.Clock.Evaluations} evaluations, {a.Clock.Rejections} rejected; vs particles: mass {dm:E2}, position {dp:E2}");
        Assert.Equal("weights/adaptive", ((SphereFlow.Solvers.Stepping.ISolver)a).Kind);
        Assert.True(Math.Max(dm, dp) <= tol * a.Steps * 4, $"mass {dm}, position {dp} after {a.Steps} steps");

        var b = new WeightSolver(objective, FlowSpec.Lifted, start, "adaptive", tol);
        for (int s = 0; s < 5; s++) b.Advance(0.5);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) SphereFlow.Solvers.Stepping.SolverCheckpoint.Write(w, b);
        for (int s = 0; s < 5; s++) b.Advance(0.5);
        var c = new WeightSolver(objective, FlowSpec.Lifted, start, "adaptive", tol);
        buffer.Position = 0;
        using (var r = new BinaryReader(buffer)) SphereFlow.Solvers.Stepping.SolverCheckpoint.Read(r, c);
        for (int s = 0; s < 5; s++) c.Advance(0.5);
        Assert.Equal(b.Time, c.Time);
        Assert.True(b.Weights.SequenceEqual(c.Weights));
    }
}

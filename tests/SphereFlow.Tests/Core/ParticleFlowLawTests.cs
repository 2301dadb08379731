using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Core;

/// <summary>Foundation laws of the particle WFR solver: closed-form characteristics, observed orders, mass and energy laws.</summary>
public class ParticleFlowLawTests(ITestOutputHelper output)
{
    private static readonly double[] C = [0.3, -1.1, 0.7];
    private const double Lambda = 0.25, Alpha = 4, Beta = 1;

    private static Measure RunLinear(string stepper, double dt, double tEnd, Measure start)
    {
        var solver = new ParticleSolver(new LinearPotential(C, Lambda), new FlowSpec(FlowKind.Wfr, Alpha, Beta), start, ParticleSteppers.Create(stepper));
        int steps = (int)Math.Round(tEnd / dt);
        for (int s = 0; s < steps; s++) solver.Advance(dt);
        return solver.Current;
    }

    private static double MaxErrorVsExact(Measure start, Measure end, double t)
    {
        double err = 0;
        var eta = new double[start.AmbientDim];
        for (int j = 0; j < start.Count; j++)
        {
            double m = LinearPotentialSolution.Advance(C, Lambda, Alpha, Beta, start.Point(j), start.Mass[j], t, eta);
            err = Math.Max(err, Math.Abs(m - end.Mass[j]) / m);
            err = Math.Max(err, Sphere.Distance(eta, end.Point(j)));
        }
        return err;
    }

    [Fact]
    public void Rk4_matches_the_closed_form_great_circle_motion_and_mass_law_to_1e_8()
    {
        var start = ParticleInitialMeasures.Uniform(3, 50, 1.0, 11);
        var end = RunLinear("rk4", 0.002, 2.0, start);
        double err = MaxErrorVsExact(start, end, 2.0);
        output.WriteLine($"RK4 dt=0.002, t=2: max relative mass / geodesic position error = {err:E3}");
        Assert.True(err < 1e-8, $"error {err}");
    }

    [Theory]
    [InlineData("rk4", 4.0, 0.3)]
    [InlineData("euler", 1.0, 0.1)]
    public void Observed_order_on_a_smooth_case(string stepper, double expected, double tolerance)
    {
        var start = ParticleInitialMeasures.Uniform(3, 20, 1.0, 12);
        double t = 1.0;
        double[] dts = stepper == "rk4" ? [0.05, 0.025, 0.0125] : [0.01, 0.005, 0.0025];
        var errs = dts.Select(dt => MaxErrorVsExact(start, RunLinear(stepper, dt, t, start), t)).ToArray();
        double p1 = Math.Log2(errs[0] / errs[1]), p2 = Math.Log2(errs[1] / errs[2]);
        output.WriteLine($"{stepper}: errors {string.Join(", ", errs.Select(e => e.ToString("E3", System.Globalization.CultureInfo.InvariantCulture)))}; observed orders {p1:F3}, {p2:F3}");
        Assert.InRange(p2, expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void Wasserstein_flow_conserves_mass_to_1e_12_on_a_network_problem()
    {
        var map = FeatureFixtures.Map("relu");
        var data = FeatureFixtures.Data("relu", 64, 21);
        var objective = new NetworkObjective(data, map, new SquareLoss(), 0.01);
        var start = ParticleInitialMeasures.Uniform(map.AmbientDim, 40, 2.0, 22);
        foreach (var name in ParticleSteppers.Names)
        {
            var solver = new ParticleSolver(objective, new FlowSpec(FlowKind.Wasserstein, 0, 1), start, ParticleSteppers.Create(name));
            for (int s = 0; s < 50; s++) solver.Advance(0.05);
            Assert.True(Math.Abs(solver.Current.TotalMass - 2.0) <= 1e-12 * 2.0, $"{name}: mass {solver.Current.TotalMass:R}");
        }
    }

    [Fact]
    public void Wfr_mass_rate_equals_minus_alpha_integral_of_J_along_the_run()
    {
        var map = FeatureFixtures.Map("relu");
        var data = FeatureFixtures.Data("relu", 64, 31);
        var objective = new NetworkObjective(data, map, new SquareLoss(), 0.05);
        var flow = new FlowSpec(FlowKind.Wfr, Alpha, Beta);
        var solver = new ParticleSolver(objective, flow, ParticleInitialMeasures.Uniform(map.AmbientDim, 30, 1.0, 32), ParticleSteppers.Create("rk4"));
        double dt = 1e-3;
        for (int block = 0; block < 5; block++)
        {
            // Compare the centred difference of ν(S^d) over two steps with −α∫J dν at the middle.
            double m0 = solver.Current.TotalMass;
            solver.Advance(dt);
            var nu = solver.Current;
            var j = new double[nu.Count];
            objective.Linearize(nu).Evaluate(nu.Points, j, Span<double>.Empty);
            double rate = SphereFlow.Diagnostics.FlowDiagnostics.MassRate(flow, nu.Mass, j);
            solver.Advance(dt);
            double fd = (solver.Current.TotalMass - m0) / (2 * dt);
            Assert.True(Math.Abs(fd - rate) <= 1e-5 * Math.Abs(rate) + 1e-12, $"block {block}: dM/dt {fd} vs −α∫J dν {rate}");
            for (int s = 0; s < 100; s++) solver.Advance(0.01);
        }
    }

    [Theory]
    [InlineData("wfr")]
    [InlineData("wasserstein")]
    [InlineData("birth-death")]
    public void Energy_is_non_increasing_for_small_dt(string flowName)
    {
        var kind = FlowSpec.ParseKind(flowName);
        var map = FeatureFixtures.Map("relu");
        var data = FeatureFixtures.Data("relu", 64, 41);
        var objective = new NetworkObjective(data, map, new SquareLoss(), 0.02);
        var flow = new FlowSpec(kind, kind == FlowKind.Wasserstein ? 0 : 4, 1);
        foreach (var name in ParticleSteppers.Names)
        {
            var solver = new ParticleSolver(objective, flow, ParticleInitialMeasures.Uniform(map.AmbientDim, 40, 1.0, 42), ParticleSteppers.Create(name));
            double previous = objective.Linearize(solver.Current).Energy, first = previous;
            for (int s = 0; s < 200; s++)
            {
                solver.Advance(0.01);
                double e = objective.Linearize(solver.Current).Energy;
                Assert.True(e <= previous + 1e-14 * Math.Abs(previous), $"{name}/{flowName}: energy rose at step {s}: {previous:R} → {e:R}");
                previous = e;
            }
            Assert.True(previous < first, $"{name}/{flowName}: energy did not decrease");
        }
    }

    [Fact]
    public void Birth_death_flow_conserves_mass_with_every_stepper()
    {
        var map = FeatureFixtures.Map("relu");
        var data = FeatureFixtures.Data("relu", 64, 51);
        var objective = new NetworkObjective(data, map, new SquareLoss(), 0.0);
        foreach (var name in ParticleSteppers.Names)
        {
            var solver = new ParticleSolver(objective, new FlowSpec(FlowKind.BirthDeath, 4, 1), ParticleInitialMeasures.Uniform(map.AmbientDim, 40, 3.0, 52), ParticleSteppers.Create(name));
            for (int s = 0; s < 100; s++) solver.Advance(0.02);
            Assert.True(Math.Abs(solver.Current.TotalMass - 3.0) <= 1e-12 * 3.0, $"{name}: mass {solver.Current.TotalMass:R}");
        }
    }

    [Fact]
    public void Points_stay_on_the_sphere_with_every_stepper()
    {
        var start = ParticleInitialMeasures.Uniform(3, 30, 1.0, 61);
        foreach (var name in ParticleSteppers.Names)
        {
            var end = RunLinear(name, 0.1, 3.0, start);
            for (int j = 0; j < end.Count; j++) Assert.Equal(1.0, Sphere.Norm(end.Point(j)), 14);
        }
    }
}

using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;

namespace SphereFlow.Tests.Particles;

/// <summary>Every registered particle stepper against the closed-form characteristics of a linear potential on S^2.</summary>
public class AllParticleSteppersTests(ITestOutputHelper output)
{
    private static readonly double[] C = [-0.8, 0.5, 1.2];
    private const double Lambda = 0.3, Alpha = 2, Beta = 1.5, TEnd = 1.0;

    public static TheoryData<string> Names => [.. ParticleSteppers.Names];

    private static double Run(string name, double dt, Measure start, out int evaluations, out bool variable)
    {
        var stepper = ParticleSteppers.Create(name, new ParticleStepperOptions(1e-10));
        var dyn = new ParticleDynamics(new LinearPotential(C, Lambda), new FlowSpec(FlowKind.Wfr, Alpha, Beta));
        var state = start.Clone();
        double t = 0;
        evaluations = 0; variable = false;
        while (TEnd - t > 1e-12)
        {
            double h = Math.Min(dt, TEnd - t);
            var r = stepper.Step(dyn, state, h);
            Assert.True(r.Dt > 0 && r.Dt <= h * (1 + 1e-15), $"{name}: step {r.Dt} exceeds the cap {h}");
            variable |= r.Dt != h;
            t += r.Dt;
            evaluations += r.Evaluations;
        }
        double err = 0;
        var eta = new double[3];
        for (int j = 0; j < start.Count; j++)
        {
            double m = LinearPotentialSolution.Advance(C, Lambda, Alpha, Beta, start.Point(j), start.Mass[j], TEnd, eta);
            err = Math.Max(err, Math.Abs(m - state.Mass[j]) / m);
            err = Math.Max(err, Sphere.Distance(eta, state.Point(j)));
            Assert.True(Math.Abs(Sphere.Norm(state.Point(j)) - 1) < 1e-14);
            Assert.True(state.Mass[j] >= 0);
        }
        return err;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Stepper_tracks_the_closed_form_solution_and_fixed_step_ones_show_their_order(string name)
    {
        var start = ParticleInitialMeasures.Stratified(3, 30, 1.0, 3);
        var order = ParticleSteppers.Create(name).Order;
        double dt = order >= 4 ? 0.04 : 0.004;
        double e1 = Run(name, dt, start, out int n1, out bool variable);
        double e2 = Run(name, dt / 2, start, out int n2, out _);
        double e3 = Run(name, dt / 4, start, out int n3, out _);
        double p = Math.Log2(e2 / e3);
        output.WriteLine($"{name} (order {order}): dt {dt}: errors {e1:E3} ({n1} evals), {e2:E3} ({n2}), {e3:E3} ({n3}); observed order {p:F2}{(variable ? " (variable steps)" : "")}");
        Assert.True(e3 < (order >= 4 ? 1e-7 : 1e-2), $"{name}: error {e3} at dt {dt / 4}");
        if (!variable && e3 > 1e-13) Assert.InRange(p, order - 0.3, order + 0.3);
    }
}

using SphereFlow.Solvers.Stepping;
using SphereFlow.Data;
using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Particles;

/// <summary>The adaptive Dormand–Prince stepper: tolerance met, fewer evaluations than fixed-step RK4 at equal accuracy, checkpoints.</summary>
public class AdaptiveStepperTests(ITestOutputHelper output)
{
    private const double TEnd = 4.0;

    private static (IObjective Objective, Measure Start) Problem()
    {
        // Fast transient then slow convergence: ReLU student against a 3-neuron teacher, exact Gaussian population.
        var objective = new GaussianPopulationObjective(TeacherNetwork.Random(3, 3, 5), 0.01);
        var start = ParticleInitialMeasures.Stratified(objective.AmbientDim, 16, 1.0, 5);
        return (objective, start);
    }

    private static (Measure End, long Evaluations, long Rejections, long Steps) Run(IObjective objective, Measure start, IParticleStepper stepper, double cap)
    {
        var solver = new ParticleSolver(objective, FlowSpec.Lifted, start, stepper);
        long evals = 0, rej = 0;
        while (TEnd - solver.Time > 1e-12)
        {
            var r = solver.Advance(Math.Min(cap, TEnd - solver.Time));
            evals += r.Evaluations; rej += r.Rejections;
        }
        return (solver.Current, evals, rej, solver.Steps);
    }

    private static double Error(Measure a, Measure b)
    {
        double e = 0;
        for (int j = 0; j < a.Count; j++)
        {
            e = Math.Max(e, Math.Abs(a.Mass[j] - b.Mass[j]) / (1 + b.Mass[j]));
            e = Math.Max(e, Sphere.Distance(a.Point(j), b.Point(j)));
        }
        return e;
    }

    [Fact]
    public void Adaptive_meets_its_tolerance_with_fewer_evaluations_than_rk4_at_equal_accuracy()
    {
        var (objective, start) = Problem();
        var reference = Run(objective, start, ParticleSteppers.Create("rk4"), 0.001).End;
        foreach (double tol in new[] { 1e-6, 1e-9 })
        {
            var (end, evals, rej, steps) = Run(objective, start, ParticleSteppers.Create("adaptive", new ParticleStepperOptions(tol)), TEnd);
            double err = Error(end, reference);
            // Equal accuracy: the largest RK4 step (halving from 0.4) whose error is at most the adaptive one.
            double dt = 0.4;
            (Measure End, long Evaluations, long Rejections, long Steps) rk;
            double rkErr;
            while (true)
            {
                rk = Run(objective, start, ParticleSteppers.Create("rk4"), dt);
                rkErr = Error(rk.End, reference);
                if (rkErr <= err || dt < 1e-3) break;
                dt /= 2;
            }
            output.WriteLine($"tol {tol:E0}: adaptive error {err:E2} with {evals} evaluations ({steps} steps, {rej} rejected); " +
                             $"RK4 needs dt = {dt} for error {rkErr:E2}: {rk.Evaluations} evaluations (ratio {(double)rk.Evaluations / evals:F2})");
            // tol is a local (per-step) tolerance: the global error after ~10–50 steps stays within 50 × tol.
            Assert.True(err <= 50 * tol, $"tol {tol}: global error {err}");
            Assert.True(evals < rk.Evaluations, $"tol {tol}: adaptive {evals} vs rk4 {rk.Evaluations} evaluations");
        }
    }

    [Fact]
    public void Step_never_exceeds_the_cap_and_checkpoints_resume_bit_for_bit()
    {
        var (objective, start) = Problem();
        var a = new ParticleSolver(objective, FlowSpec.Lifted, start, ParticleSteppers.Create("adaptive", new ParticleStepperOptions(1e-8)));
        for (int s = 0; s < 15; s++) Assert.True(a.Advance(0.3).Dt <= 0.3);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Write(w, a);
        for (int s = 0; s < 15; s++) a.Advance(0.3);
        var b = new ParticleSolver(objective, FlowSpec.Lifted, start, ParticleSteppers.Create("adaptive", new ParticleStepperOptions(1e-8)));
        buffer.Position = 0;
        using (var r = new BinaryReader(buffer)) SolverCheckpoint.Read(r, b);
        for (int s = 0; s < 15; s++) b.Advance(0.3);
        Assert.Equal(a.Time, b.Time);
        Assert.Equal(a.Current.Mass, b.Current.Mass);
        Assert.Equal(a.Current.Points, b.Current.Points);
    }

    [Fact]
    public void Rejected_steps_are_counted_when_the_first_trial_step_is_too_large()
    {
        var (objective, start) = Problem();
        var stepper = ParticleSteppers.Create("adaptive", new ParticleStepperOptions(1e-10));
        var dyn = new ParticleDynamics(objective, FlowSpec.Lifted);
        var state = start.Clone();
        var r = stepper.Step(dyn, state, 5.0);
        output.WriteLine($"first step: cap 5, took {r.Dt:E3} after {r.Rejections} rejections, {r.Evaluations} evaluations");
        Assert.True(r.Rejections > 0 && r.Dt < 5.0);
        Assert.Equal(1 + 6 * (r.Rejections + 1), r.Evaluations);
    }
}

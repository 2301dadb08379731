using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cases;

/// <summary>
/// Reseeding of sweeps (<c>sweep: {per_repetition, per_run}</c>): each listed seed changes what it seeds (the teacher, the
/// initial measure, the batches), the rest stays, and unknown, repeated or inapplicable keys are bad input naming the key.
/// </summary>
public class SweepSpecTests
{
    private static (CaseSpec Spec, SweepSpec Sweep) Paper()
    {
        var spec = CaseReader.Read(BundledCases.Path("teacher-sgd-paper.yaml"), ["problem.data.k=5", "solver.m=4"]).Spec;
        return (spec, spec.Sweep!);
    }

    [Fact]
    public void Repetition_r_raises_the_per_repetition_seeds_by_r_minus_1_and_run_i_the_per_run_seeds_by_i()
    {
        var (spec, sweep) = Paper();
        var run = sweep.Apply(spec, repetition: 3, run: 7);
        Assert.Equal(SweepSpec.Seed(spec, "problem.data.seed") + 2, SweepSpec.Seed(run, "problem.data.seed"));
        Assert.Equal(SweepSpec.Seed(spec, "solver.seed") + 7, SweepSpec.Seed(run, "solver.seed"));
        Assert.Equal(SweepSpec.Seed(spec, "solver.init.seed") + 7, SweepSpec.Seed(run, "solver.init.seed"));
        Assert.Equal(spec with { Problem = run.Problem, Solver = run.Solver }, run);   // nothing else changed
        Assert.Equal(spec, sweep.Apply(spec, repetition: 1, run: 0));
    }

    [Fact]
    public void Each_seed_key_changes_what_it_seeds_and_nothing_else()
    {
        var (spec, _) = Paper();
        var c0 = spec.Build();
        var teacher = SweepSpec.Offset(spec, "problem.data.seed", 1).Build();
        Assert.NotEqual(c0.Problem.Teacher!.B, teacher.Problem.Teacher!.B);
        Assert.Equal(c0.Solver.Current.Points, teacher.Solver.Current.Points);
        var init = SweepSpec.Offset(spec, "solver.init.seed", 1).Build();
        Assert.NotEqual(c0.Solver.Current.Points, init.Solver.Current.Points);
        Assert.Equal(c0.Problem.Teacher.B, init.Problem.Teacher!.B);
        // solver.seed seeds the SGD batches: same start, different first step.
        var batches = SweepSpec.Offset(spec, "solver.seed", 1).Build();
        Assert.Equal(c0.Solver.Current.Points, batches.Solver.Current.Points);
        c0.Solver.Advance(spec.Solver.Dt);
        batches.Solver.Advance(spec.Solver.Dt);
        Assert.NotEqual(c0.Solver.Current.Points, batches.Solver.Current.Points);
    }

    [Theory]
    [InlineData("sweep={per_run: [solver.dt]}", "sweep.per_run: 'solver.dt' is not a seed a sweep can vary")]
    [InlineData("sweep={per_repetition: [solver.seed], per_run: [solver.seed]}", "'solver.seed' is listed twice")]
    [InlineData("sweep={per_run: [solver.seed]}", "has no solver.seed")]
    [InlineData("sweep={per_run: solver.seed}", "sweep.per_run: expected a list")]
    [InlineData("sweep={reseed: [solver.seed]}", "unknown key 'sweep.reseed'")]
    public void Bad_sweep_sections_name_the_key(string assignment, string message)
    {
        var e = Assert.Throws<InputException>(() => CaseReader.Read(BundledCases.Path("teacher2d-particles.yaml"), [assignment]));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}

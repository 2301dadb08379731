using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Tests.TestSupport;
using SphereFlow.Validation.FiniteVolume;

namespace SphereFlow.Tests.Validation;

/// <summary>
/// F* studies compare F(ν_t) of the functional the solvers minimise with the convex optimum of the sampled objective:
/// they use <see cref="Problems.Problem.SampledFunctional"/>, which is that functional, and refuse population sampling
/// (the solvers then minimise the exact population risk, whose optimum is not the sample's) with one clear line.
/// </summary>
public class FStarStudyTests
{
    [Fact]
    public void The_sampled_functional_is_what_the_solvers_minimise_or_absent()
    {
        var sampled = CaseReader.Load(BundledCases.Path("teacher2d-mesh.yaml"), ["solver.mesh.level=0"]);
        Assert.Same(sampled.Problem.Functional, sampled.Problem.SampledFunctional);
        Assert.Same(sampled.Problem.Functional, sampled.Solver.Objective);
        var population = CaseReader.Load(BundledCases.Path("teacher2d-mesh.yaml"), ["solver.mesh.level=0", "problem.data.sampling=population"]);
        Assert.True(population.Problem.IsPopulation);
        Assert.Null(population.Problem.SampledFunctional);
    }

    [Fact]
    public void The_optimality_gap_study_refuses_population_sampling_in_one_line()
    {
        var e = Assert.Throws<InputException>(() => OptimalityGapStudy.Run(BundledCases.Path("teacher2d-mesh.yaml"), null, 10,
            "solver.mesh.level=0", "solver.t_end=0.1", "problem.data.sampling=population"));
        Assert.Contains("problem.data.sampling: population", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}

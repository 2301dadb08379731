using SphereFlow.Cases;
using SphereFlow.Flows;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cases;

/// <summary>
/// The case layer reads YAML into typed specifications and writes them back: the written case reads back to the same
/// specification (the same text again, the same initial state), for every bundled case and with every key set away from
/// its default, so a key the writer drops or renames fails here.
/// </summary>
public class CaseRoundTripTests
{
    /// <summary>Bundled cases with overrides that move keys of every solver kind away from their defaults.</summary>
    public static TheoryData<string, string[]> Cases => new()
    {
        { "teacher2d-particles.yaml", [] },
        { "teacher2d-mesh.yaml", [] },
        { "deconv-s1-particles.yaml", [] },
        { "deconv-s1-mesh.yaml", [] },
        { "teacher-k100-sgd.yaml", [] },
        { "teacher-sgd-paper.yaml", [] },
        { "teacher2d-particles.yaml", ["problem.data.signs=random", "solver.init={kind: unit-weights, seed: 3}", "sweep={per_repetition: [problem.data.seed], per_run: [solver.init.seed]}"] },
        { "teacher2d-particles.yaml", ["problem.loss=logistic", "problem.lambda=0.25", "problem.kappa=3", "problem.cutoff=7", "problem.data={kind: teacher, k: 2, m0: 2, seed: 3, sampling: montecarlo, n: 50, neurons: [[1, 0.6, 0.8], [-0.5, 0, 1]]}",
                                        "flow={kind: birth-death, alpha: 2.5, beta: 0.75}", "solver.m=17", "solver.stepper=adaptive", "solver.tolerance=1e-7", "solver.dt=0.125", "solver.t_end=0.5",
                                        "solver.birth_death=stochastic", "solver.birth_death_until=0.25", "solver.seed=9", "solver.init={kind: stratified, mass: 2.5, seed: 4}",
                                        "output={every: 3, probes: 17, blowup_factor: 4}"] },
        { "teacher2d-particles.yaml", ["solver.m=33", "solver.init={kind: from-mesh, mesh: {kind: latlong, level: 1}, density: {kind: vonmises, centers: [[0, 0, 1], [1, 0, 0]], weights: [0.25, 0.5], kappa: 4}, placement: center, sampling: stratified, seed: 5}"] },
        { "teacher2d-particles.yaml", ["solver.kind=weights", "solver.stepper=euler", "solver.init={kind: from-mesh, mesh: {kind: icosahedral, level: 1}, density: {kind: from-particles, m: 40, mass: 3, seed: 2, sampling: stratified}}"] },
        { "teacher2d-mesh.yaml", ["solver.mesh={kind: icosahedral-scvt, level: 1}", "solver.stepper=ssprk3", "solver.cfl=0.5", "solver.order=2", "solver.limiter=minmod", "solver.init={kind: from-particles, m: 100, mass: 2, seed: 7, sampling: stratified}"] },
        { "deconv-s1-mesh.yaml", ["problem.data={kind: deconvolution, sphere: 1, spikes: [1.0, 3.0], weights: [0.5, 2], n: 40, noise: 0.01, seed: 3}", "solver.mesh={kind: uniform, level: 3}", "solver.order=2"] },
        { "teacher-k100-sgd.yaml", ["problem.data.k=5", "problem.data.n=30", "solver.batch=7", "solver.seed=4", "solver.input_step_scale=2.5", "solver.init={kind: uniform, mass: 0.5, seed: 8}", "solver.m=6"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_written_case_reads_back_to_the_same_case(string file, string[] overrides)
    {
        string path = BundledCases.Path(file);
        var c = CaseReader.Load(path, overrides);
        string text = CaseWriter.Write(c);
        var again = CaseReader.FromTree(path, CaseYaml.Parse(path, text));
        Assert.Equal(text, CaseWriter.Write(again));
        Assert.Equal(c.Spec.Flow, again.Spec.Flow);
        Assert.Equal(c.Spec.Output, again.Spec.Output);
        Assert.Equal(c.Options.Probes, again.Options.Probes);
        Assert.Equal(c.Solver.Name, again.Solver.Name);
        Assert.Equal(c.Solver.Stepper, again.Solver.Stepper);
        Assert.Equal(c.Solver.Current.Mass, again.Solver.Current.Mass);
        Assert.Equal(c.Solver.Current.Points, again.Solver.Current.Points);
        Assert.Equal(c.Problem.Data.Y, again.Problem.Data.Y);
        foreach (var o in overrides)
        {
            // Every overridden value is in the written case (the writer drops nothing it was given).
            string key = o[..o.IndexOf('=', StringComparison.Ordinal)].Split('.')[^1];
            Assert.Contains(key + ":", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Studies_derive_runs_with_with_and_the_derived_case_is_a_case_file()
    {
        var mesh = CaseReader.Load(BundledCases.Path("deconv-s1-mesh.yaml"));
        var particles = new ParticleSolverSpec
        {
            Dt = 0.01, TEnd = 1, M = 25, Stepper = "euler",
            Init = new FromMeshParticleInit(((Solvers.FiniteVolume.MeshSolverSpec)mesh.Spec.Solver).Mesh, new UniformDensity(2), Sampling: MeshSampledMeasure.Sampling.Stratified, Seed: 3),
        };
        var spec = mesh.Spec with { Flow = new FlowSpec(FlowKind.Wasserstein, 0, 1), Solver = particles, Output = new OutputSpec { Every = 4 } };
        var built = spec.Build(mesh.Problem);
        Assert.Equal(25, built.Solver.Current.Count);
        Assert.Equal(2.0, built.Solver.Current.TotalMass, 1e-14);
        var read = CaseReader.FromTree("derived.yaml", CaseYaml.Parse("derived.yaml", CaseWriter.Write(built)));
        Assert.Equal(built.Solver.Current.Points, read.Solver.Current.Points);
        Assert.Equal("wasserstein", read.Flow.KindName);
        Assert.Equal(4, read.Options.OutputEvery);
    }
}

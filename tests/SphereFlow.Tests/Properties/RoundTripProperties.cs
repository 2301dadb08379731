using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Particles;


using SphereFlow.Solvers.Stepping;
using SphereFlow.Solvers.Weights;

namespace SphereFlow.Tests.Properties;

/// <summary>Round trips: checkpoint → resume continues bit for bit (every solver family); data CSV write → read.</summary>
[Collection(SolverPropertyCollection.Name)]
public class RoundTripProperties
{
    private static void AssertResumesBitForBit(Func<ISolver> make, Func<ISolver> other, int before, int after, double dt)
    {
        var a = make();
        PropertyMath.Run(a, before, dt);
        var bytes = PropertyMath.Checkpoint(a);
        PropertyMath.Run(a, after, dt);
        var b = other();
        PropertyMath.Restore(b, bytes);
        PropertyMath.Run(b, after, dt);
        Assert.True(PropertyMath.BitIdentical(a.Current, b.Current), $"{a.Name}/{a.Stepper}: the resumed run differs (max {PropertyMath.Distance(a.Current, b.Current):E2})");
        Assert.Equal(a.Time, b.Time);
        Assert.Equal(a.Steps, b.Steps);
    }

    /// <summary>Particles (every stepper and flow), birth–death particles (both modes), the w-flow and SGD resume bit for bit.</summary>
    [SolverProperty]
    public Property Particle_solvers_resume_from_a_checkpoint_bit_for_bit(ParticleCase c) => Prop.ForAll(Gen.Choose(0, 4).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (before, after) =>
    {
        var other = c with { Measure = c.Measure with { Seed = c.Measure.Seed + 1 } };
        AssertResumesBitForBit(() => c.Solver(), () => other.Solver(), before, after, 0.2);
        var bd = new FlowSpec(FlowKind.BirthDeath, Math.Max(c.Flow.Alpha, 0.5), c.Flow.Beta);
        foreach (var mode in Enum.GetValues<BirthDeathMode>())
            AssertResumesBitForBit(() => new BirthDeathParticleSolver(c.Problem.Objective(), bd, c.Initial(), c.NewStepper(), mode, until: 0.5, seed: 3),
                                   () => new BirthDeathParticleSolver(c.Problem.Objective(), bd, other.Initial(), other.NewStepper(), mode, until: 0.5, seed: 4), before, after, 0.2);
        var lifted = new FlowSpec(FlowKind.Wfr, 4 * c.Flow.Beta, c.Flow.Beta);
        foreach (var stepper in WeightSolver.Steppers)
            AssertResumesBitForBit(() => new WeightSolver(c.Problem.Objective(), lifted, c.Initial(), stepper),
                                   () => new WeightSolver(c.Problem.Objective(), lifted, other.Initial(), stepper), before, after, 0.05);
        return true.ToProperty();
    });

    /// <summary>The mesh solver resumes bit for bit (every mesh, stepper, limiter and flow), including its remembered step cap.</summary>
    [SolverProperty]
    public Property Mesh_solver_resumes_from_a_checkpoint_bit_for_bit(MeshCase c) => Prop.ForAll(Gen.Choose(0, 4).ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (before, after) =>
    {
        var other = c with { MassSeed = c.MassSeed + 1 };
        AssertResumesBitForBit(() => c.Solver(), () => other.Solver(), before, after, 1.0);
        return true.ToProperty();
    });

    /// <summary>Data CSV write → read gives the same inputs, targets and weights, bit for bit (round-trip number format).</summary>
    [SolverProperty]
    public void Data_csv_round_trips_bit_for_bit(ProblemSpec p)
    {
        var data = p.Data();
        string path = Path.Combine(Path.GetTempPath(), $"sf-data-{Guid.NewGuid():N}.csv");
        try
        {
            DataCsv.Write(path, data);
            var back = DataCsv.Read(path);
            Assert.Equal(data.InputDim, back.InputDim);
            Assert.Equal(data.X, back.X);
            Assert.Equal(data.Y, back.Y);
            Assert.Equal(data.Weights, back.Weights);
        }
        finally { File.Delete(path); }
    }
}

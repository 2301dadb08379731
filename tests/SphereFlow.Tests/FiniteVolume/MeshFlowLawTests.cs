using SphereFlow.Solvers.Stepping;
using System.Numerics.Tensors;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SphereFlow.Flows;
using SphereFlow.Meshes;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Discrete conservation, positivity and energy laws of the finite-volume solver.</summary>
public class MeshFlowLawTests
{
    private static readonly SphereMesh[] Meshes = FvTestSupport.SmallMeshes().ToArray();
    private static readonly string[] Steppers = MeshSteppers.Names.ToArray();

    private static double[] RandomMasses(SphereMesh mesh, Random rng)
    {
        var m = new double[mesh.CellCount];
        for (int k = 0; k < m.Length; k++) m[k] = rng.NextDouble() < 0.2 ? 0 : rng.NextDouble() * mesh.CellMeasures[k];
        return m;
    }

    [Property(MaxTest = 60)]
    public Property Mass_is_conserved_or_follows_its_law_masses_stay_nonnegative_and_energy_never_rises(int seed)
    {
        var rng = new Random(seed);
        var mesh = Meshes[rng.Next(Meshes.Length)];
        var kind = (FlowKind)rng.Next(3);
        var flow = FvTestSupport.Flow(kind, alpha: 0.5 + 4 * rng.NextDouble(), beta: 0.2 + 2 * rng.NextDouble());
        string stepper = Steppers[rng.Next(Steppers.Length)];
        var limiter = (SlopeLimiter)rng.Next(3);
        var potential = FvTestSupport.RandomPotential(mesh.AmbientDim, rng);
        var solver = new MeshSolver(potential, flow, mesh, RandomMasses(mesh, rng), MeshSteppers.Create(stepper),
                                    new MeshSolverOptions { Limiter = limiter, CflSafety = 0.5 + 0.5 * rng.NextDouble() });
        double mass0 = TensorPrimitives.Sum(solver.Masses);
        double energy = solver.Energy;
        string where = $"mesh {mesh.Kind}/{mesh.CellCount}, flow {flow.KindName}, stepper {stepper}, limiter {limiter}";
        for (int s = 0; s < 6; s++)
        {
            var r = solver.Advance(1.0);
            double e = solver.Energy;
            if (e > energy + 1e-12 * Math.Max(Math.Abs(e), Math.Abs(energy))) return false.Label($"{where}: energy rose {energy} → {e} at step {s}");
            energy = e;
            if (r.Cfl > 1 + 1e-12) return false.Label($"{where}: CFL {r.Cfl} > 1");
            double min = TensorPrimitives.Min(solver.Masses);
            if (!(min >= 0)) return false.Label($"{where}: negative mass {min} at step {s}");
            if (flow.ConservesMass)
            {
                double rel = Math.Abs(TensorPrimitives.Sum(solver.Masses) - mass0) / mass0;
                if (rel > 1e-12) return false.Label($"{where}: mass drift {rel:E2} at step {s}");
            }
        }
        return true.ToProperty();
    }

    [Fact]
    public void Transport_alone_conserves_mass_to_round_off_on_every_mesh_kind()
    {
        var rng = new Random(7);
        foreach (var mesh in Meshes)
        {
            foreach (var limiter in Enum.GetValues<SlopeLimiter>())
            {
                var t = new UpwindTransport(mesh, 1.3, limiter);
                var m = RandomMasses(mesh, rng);
                var j = new double[mesh.CellCount];
                var p = FvTestSupport.RandomPotential(mesh.AmbientDim, rng);
                for (int k = 0; k < j.Length; k++) j[k] = p.Value(mesh.Center(k));
                var rate = new double[mesh.CellCount];
                t.Rate(m, j, rate);
                double scale = 0;
                for (int k = 0; k < rate.Length; k++) scale += Math.Abs(rate[k]);
                Assert.True(scale > 0, "the test field must move mass");
                Assert.True(Math.Abs(TensorPrimitives.Sum(rate)) <= 1e-14 * scale, $"{mesh.Kind}: Σ dM/dt = {TensorPrimitives.Sum(rate)} vs scale {scale}");
            }
        }
    }

    [Fact]
    public void Lie_step_mass_follows_the_exact_discrete_reaction_law_for_wfr()
    {
        var rng = new Random(3);
        foreach (var mesh in Meshes)
        {
            var flow = new FlowSpec(FlowKind.Wfr, 2.5, 1);
            var p = FvTestSupport.RandomPotential(mesh.AmbientDim, rng);
            var solver = new MeshSolver(p, flow, mesh, RandomMasses(mesh, rng), new LieStepper());
            var m0 = solver.Masses.ToArray();
            var j0 = solver.CurrentJ.ToArray();
            var r = solver.Advance(0.05);
            var rate = new double[mesh.CellCount];
            solver.Discretization.Transport.Rate(m0, j0, rate);
            double expected = 0;
            for (int k = 0; k < m0.Length; k++) expected += (m0[k] + r.Dt * rate[k]) * Math.Exp(-flow.Alpha * j0[k] * r.Dt);
            double got = TensorPrimitives.Sum(solver.Masses);
            Assert.True(Math.Abs(got - expected) <= 1e-12 * expected, $"{mesh.Kind}: mass {got} vs law {expected}");
            Assert.True(Math.Abs(got - TensorPrimitives.Sum(m0)) > 1e-6 * expected, "the test must change the mass");
        }
    }

    [Theory]
    [InlineData("lie")]
    [InlineData("strang")]
    public void Split_reaction_with_constant_J_decays_mass_exactly(string stepper)
    {
        var mesh = UniformCircleMesh.Create(40);
        var flow = new FlowSpec(FlowKind.Wfr, 3, 1);
        var solver = new MeshSolver(new SphereFlow.Objectives.LinearPotential([0, 0], 0.7), flow, mesh,
                                    MeshInitialDensities.Uniform(mesh, 2.0), MeshSteppers.Create(stepper));
        for (int s = 0; s < 10; s++) solver.Advance(0.03);
        double expected = 2.0 * Math.Exp(-3 * 0.7 * solver.Time);
        Assert.Equal(expected, TensorPrimitives.Sum(solver.Masses), 1e-13);
    }

    [Fact]
    public void Accepted_steps_never_raise_the_energy_of_a_network_objective()
    {
        var problem = new SphereFlow.Problems.ProblemSpec
        {
            Features = "dirichlet", Cutoff = 4, Lambda = 0.01,
            Data = new SphereFlow.Problems.DeconvolutionDataSpec { Spikes = [[0.5], [2.0], [4.0]], Weights = [1, 0.7, 1.2], N = 64 },
        }.Build();
        var mesh = UniformCircleMesh.Create(200);
        foreach (var name in Steppers)
        {
            var solver = new MeshSolver(problem.SampleObjective, new FlowSpec(FlowKind.Wfr, 4, 1), mesh, MeshInitialDensities.Uniform(mesh, 1), MeshSteppers.Create(name));
            double e = solver.Energy;
            for (int s = 0; s < 40; s++)
            {
                solver.Advance(0.2);
                double next = solver.Energy;
                Assert.True(next <= e + 1e-12 * Math.Abs(e), $"{name}: energy rose {e} → {next} at step {s}");
                e = next;
            }
            Assert.Equal(0, solver.UnresolvedEnergyRises);
        }
    }

    [Fact]
    public void Checkpoint_resume_is_bit_for_bit()
    {
        var mesh = UniformCircleMesh.Create(90);
        var rng = new Random(11);
        foreach (var name in Steppers)
        {
            var p = FvTestSupport.RandomPotential(2, rng);
            var flow = new FlowSpec(FlowKind.BirthDeath, 2, 1);
            var init = RandomMasses(mesh, rng);
            var a = new MeshSolver(p, flow, mesh, init, MeshSteppers.Create(name), new MeshSolverOptions { Limiter = SlopeLimiter.VanLeer });
            for (int s = 0; s < 5; s++) a.Advance(0.1);
            using var buffer = new MemoryStream();
            using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Write(w, a);
            var b = new MeshSolver(p, flow, mesh, new double[mesh.CellCount], MeshSteppers.Create(name), new MeshSolverOptions { Limiter = SlopeLimiter.VanLeer });
            buffer.Position = 0;
            using (var r = new BinaryReader(buffer)) SolverCheckpoint.Read(r, b);
            for (int s = 0; s < 5; s++) { a.Advance(0.1); b.Advance(0.1); }
            Assert.Equal(a.Time, b.Time);
            Assert.True(a.Masses.SequenceEqual(b.Masses), $"{name}: resumed run differs");
        }
    }
}

using SphereFlow.Flows;
using SphereFlow.Meshes;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// Argument and option validation of <see cref="MeshSolver"/>, <see cref="MeshSolverOptions"/> and
/// <see cref="MeshDiscretization"/>: each bad input is refused with the exception type of its contract and a message
/// (or parameter name) that says which input was wrong; the boundary values the documentation allows are accepted.
/// </summary>
public class MeshSolverArgumentTests
{
    private static readonly FlowSpec Wasserstein = new(FlowKind.Wasserstein, 0, 1);
    private static readonly SphereMesh Circle = UniformCircleMesh.Create(8);
    private static PrescribedPotential Potential(int dim = 2) => new(dim, eta => eta[0]);
    private static double[] Uniform(int n = 8) => Enumerable.Repeat(1.0 / n, n).ToArray();

    [Fact]
    public void Null_arguments_of_the_solver_name_the_parameter()
    {
        var stepper = MeshSteppers.Create("lie");
        Assert.Equal("mesh", Assert.Throws<ArgumentNullException>(() => new MeshSolver(Potential(), Wasserstein, null!, Uniform(), stepper)).ParamName);
        Assert.Equal("initialMasses", Assert.Throws<ArgumentNullException>(() => new MeshSolver(Potential(), Wasserstein, Circle, null!, stepper)).ParamName);
        Assert.Equal("stepper", Assert.Throws<ArgumentNullException>(() => new MeshSolver(Potential(), Wasserstein, Circle, Uniform(), null!)).ParamName);
        var s = new MeshSolver(Potential(), Wasserstein, Circle, Uniform(), stepper);
        Assert.Equal("writer", Assert.Throws<ArgumentNullException>(() => s.WriteState(null!)).ParamName);
        Assert.Equal("reader", Assert.Throws<ArgumentNullException>(() => s.ReadState(null!)).ParamName);
    }

    [Fact]
    public void Initial_masses_must_match_the_mesh_and_be_finite_and_nonnegative()
    {
        var stepper = MeshSteppers.Create("lie");
        var e = Assert.Throws<ArgumentException>(() => new MeshSolver(Potential(), Wasserstein, Circle, Uniform(7), stepper));
        Assert.Contains("7 initial masses for 8 cells", e.Message, StringComparison.Ordinal);
        foreach (var bad in new[] { -1e-3, double.NaN, double.PositiveInfinity })
        {
            var m = Uniform();
            m[5] = bad;
            e = Assert.Throws<ArgumentException>(() => new MeshSolver(Potential(), Wasserstein, Circle, m, stepper));
            Assert.Contains("cell 5", e.Message, StringComparison.Ordinal);
        }
        var zero = Uniform();
        zero[5] = 0;   // an empty cell is allowed
        Assert.Equal(0, new MeshSolver(Potential(), Wasserstein, Circle, zero, stepper).Masses[5]);
    }

    public static TheoryData<MeshSolverOptions, string> BadOptions => new()
    {
        { new MeshSolverOptions { CflSafety = 0 }, "cfl safety" },
        { new MeshSolverOptions { CflSafety = 1.01 }, "cfl safety" },
        { new MeshSolverOptions { CflSafety = double.NaN }, "cfl safety" },
        { new MeshSolverOptions { MaxRejections = -1 }, "max rejections" },
        { new MeshSolverOptions { EnergyTolerance = -1e-15 }, "energy tolerance" },
        { new MeshSolverOptions { EnergyTolerance = double.NaN }, "energy tolerance" },
        { new MeshSolverOptions { StepGrowth = 1 }, "step growth" },
        { new MeshSolverOptions { StepGrowth = double.PositiveInfinity }, "step growth" },
        { new MeshSolverOptions { StepGrowth = double.NaN }, "step growth" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Options_out_of_range_are_refused_by_name_also_by_the_solver(MeshSolverOptions options, string name)
    {
        Assert.Contains(name, Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => new MeshSolver(Potential(), Wasserstein, Circle, Uniform(), MeshSteppers.Create("lie"), options));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_at_the_documented_bounds_are_accepted()
    {
        // CflSafety in (0, 1], MaxRejections ≥ 0, EnergyTolerance ≥ 0, StepGrowth finite and > 1.
        new MeshSolverOptions { CflSafety = 1, MaxRejections = 0, EnergyTolerance = 0, StepGrowth = 1.0000001 }.Validate();
        new MeshSolverOptions { CflSafety = 1e-9 }.Validate();
    }

    [Fact]
    public void Discretization_refuses_null_and_mismatched_arguments()
    {
        var lie = MeshSteppers.Create("lie");
        Assert.Equal("mesh", Assert.Throws<ArgumentNullException>(() => new MeshDiscretization(null!, Potential(), Wasserstein, SlopeLimiter.None)).ParamName);
        Assert.Equal("objective", Assert.Throws<ArgumentNullException>(() => new MeshDiscretization(Circle, null!, Wasserstein, SlopeLimiter.None)).ParamName);
        Assert.Equal("flow", Assert.Throws<ArgumentNullException>(() => new MeshDiscretization(Circle, Potential(), null!, SlopeLimiter.None)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => new MeshDiscretization(Circle, Potential(3), Wasserstein, SlopeLimiter.None));
        Assert.Contains("R^2", e.Message, StringComparison.Ordinal);
        Assert.Contains("R^3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MeshSolver(Potential(3), Wasserstein, Circle, Uniform(), lie));

        var d = new MeshDiscretization(Circle, Potential(), Wasserstein, SlopeLimiter.None);
        var a = Uniform();
        var j = new double[8];
        Assert.Equal("lin", Assert.Throws<ArgumentNullException>(() => d.EvaluateJ((Objectives.Linearization)null!, j)).ParamName);
        Assert.Equal("src", Assert.Throws<ArgumentNullException>(() => d.TransportEuler(null!, j, 0.1, a)).ParamName);
        Assert.Equal("dst", Assert.Throws<ArgumentNullException>(() => d.TransportEuler(a, j, 0.1, null!)).ParamName);
        Assert.Equal("dst", Assert.Throws<ArgumentNullException>(() => d.TransportSsprk2(a, j, 0.1, null!)).ParamName);
        Assert.Equal("mass", Assert.Throws<ArgumentNullException>(() => MeshDiscretization.IsAdmissible(null!)).ParamName);
    }

    [Theory]
    [InlineData(new[] { 0.0, 1.0, 2.0 }, true)]
    [InlineData(new[] { 1.0, -1e-300, 2.0 }, false)]
    [InlineData(new[] { 1.0, double.NaN }, false)]
    [InlineData(new[] { double.PositiveInfinity, 1.0 }, false)]
    public void Admissible_means_every_mass_finite_and_nonnegative(double[] mass, bool admissible) =>
        Assert.Equal(admissible, MeshDiscretization.IsAdmissible(mass));

    [Fact]
    public void The_solver_is_named_by_its_case_kind()
    {
        var s = new MeshSolver(Potential(), Wasserstein, Circle, Uniform(), MeshSteppers.Create("lie"));
        Assert.Equal(new MeshSolverSpec { Mesh = new MeshSpec("uniform", Cells: 8), Init = new Solvers.Initialization.UniformDensity(), Dt = 0.1, TEnd = 1 }.Kind, s.Name);
        Assert.Equal("mesh", s.Name);
    }
}

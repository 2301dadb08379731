using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Meshes;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// <see cref="MeshSolverSpec"/>: the limiter that order and limiter resolve to, the atom count the resource check uses,
/// and that each invalid field is refused with a <see cref="SpecException"/> naming its key.
/// </summary>
public class MeshSolverSpecTests
{
    private static readonly Lazy<Solvers.Simulation.SimulationCase> Deconv = new(() => CaseReader.Load(BundledCases.Path("deconv-s1-mesh.yaml")));
    private static MeshSolverSpec Spec => (MeshSolverSpec)Deconv.Value.Spec.Solver;

    [Fact]
    public void Order_one_uses_no_limiter_and_order_two_defaults_to_van_leer()
    {
        Assert.Equal(SlopeLimiter.None, (Spec with { Order = 1 }).ResolvedLimiter);
        Assert.Equal(SlopeLimiter.None, (Spec with { Order = 1, Limiter = SlopeLimiter.None }).ResolvedLimiter);
        Assert.Equal(SlopeLimiter.VanLeer, (Spec with { Order = 2 }).ResolvedLimiter);
        Assert.Equal(SlopeLimiter.MinMod, (Spec with { Order = 2, Limiter = SlopeLimiter.MinMod }).ResolvedLimiter);
        var built = (MeshSolver)(Spec with { Order = 1 }).Build(Deconv.Value.Problem, Deconv.Value.Spec.Flow);
        Assert.Equal(SlopeLimiter.None, built.Options.Limiter);
        Assert.Equal(1.0, built.Discretization.Transport.PositivityFraction);
    }

    [Theory]
    [InlineData("uniform", null, 100, 2, 100)]
    [InlineData("icosahedral", 1, null, 3, 42)]    // one cell per vertex of the level-L icosphere: 10 · 4^L + 2
    [InlineData("icosahedral", 2, null, 3, 162)]
    [InlineData("hyperspherical", 0, null, 3, 32)]   // the count depends on the sphere dimension: 8 · 2^L · (4 · 2^L)^(d−1)
    [InlineData("hyperspherical", 0, null, 4, 128)]
    public void Atoms_are_the_cells_of_the_mesh_the_spec_builds(string kind, int? level, int? cells, int ambientDim, int expected)
    {
        var spec = Spec with { Mesh = new MeshSpec(kind, level, cells) };
        Assert.Equal(expected, spec.Atoms(ambientDim));
        Assert.Equal(expected, spec.Mesh.Build(ambientDim - 1).CellCount);
    }

    public static TheoryData<string, Func<MeshSolverSpec, MeshSolverSpec>> BadFields => new()
    {
        { "order", s => s with { Order = 3 } },
        { "order", s => s with { Order = 0 } },
        { "limiter", s => s with { Order = 1, Limiter = SlopeLimiter.MinMod } },
        { "mesh.cells", s => s with { Mesh = new MeshSpec("uniform", Cells: 2) } },
        { "init", s => s with { Init = new UniformDensity(-1) } },
        { "stepper", s => s with { Stepper = "no-such-stepper" } },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void Invalid_fields_are_refused_naming_their_key(string key, Func<MeshSolverSpec, MeshSolverSpec> spoil)
    {
        var e = Assert.Throws<SpecException>(() => spoil(Spec).Build(Deconv.Value.Problem, Deconv.Value.Spec.Flow));
        Assert.StartsWith(key, e.Key, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Fact]
    public void Build_refuses_a_null_problem() =>
        Assert.Equal("problem", Assert.Throws<ArgumentNullException>(() => Spec.Build(null!, Deconv.Value.Spec.Flow)).ParamName);
}

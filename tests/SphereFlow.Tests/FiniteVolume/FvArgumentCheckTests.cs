using SphereFlow.Flows;
using SphereFlow.Meshes;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// Argument checks of the finite-volume building blocks (transport, reaction, steppers): bad input is refused with the
/// documented exception type (not a NullReferenceException or IndexOutOfRangeException from deep inside, and not silently
/// accepted), and the message names the culprit.
/// </summary>
public class FvArgumentCheckTests
{
    private static readonly SphereMesh Mesh = UniformCircleMesh.Create(8);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Transport_refuses_a_beta_that_is_not_finite_and_positive(double beta)
    {
        var ex = Assert.Throws<ArgumentException>(() => new UpwindTransport(Mesh, beta, SlopeLimiter.None));
        Assert.Contains("beta", ex.Message);
    }

    [Fact]
    public void Transport_refuses_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new UpwindTransport(null!, 1, SlopeLimiter.None));
        var t = new UpwindTransport(Mesh, 1, SlopeLimiter.VanLeer);
        var a = new double[8];
        Assert.Throws<ArgumentNullException>(() => t.MaxOutflowRate(null!));
        Assert.Throws<ArgumentNullException>(() => t.Rate(null!, a, a));
        Assert.Throws<ArgumentNullException>(() => t.Rate(a, null!, a));
        Assert.Throws<ArgumentNullException>(() => t.Rate(a, a, null!));
    }

    // Arrays one longer than the mesh: reading them would not fail, so only the length check can refuse them.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Transport_refuses_any_one_array_of_the_wrong_length(int which)
    {
        var t = new UpwindTransport(Mesh, 1, SlopeLimiter.None);
        var arrays = new[] { new double[8], new double[8], new double[8] };
        arrays[which] = new double[9];
        var ex = Assert.Throws<ArgumentException>(() => t.Rate(arrays[0], arrays[1], arrays[2]));
        Assert.Contains("cell count", ex.Message);
    }

    [Fact]
    public void Reaction_refuses_null_arguments()
    {
        Assert.Throws<ArgumentNullException>(() => new ExactReaction(null!, 4));
        var r = new ExactReaction(new FlowSpec(FlowKind.Wfr, 2, 1), 4);
        var a = new double[4];
        Assert.Throws<ArgumentNullException>(() => r.Apply(null!, a, 0.1));
        Assert.Throws<ArgumentNullException>(() => r.Apply(a, null!, 0.1));
        Assert.Throws<ArgumentNullException>(() => r.AddRate(null!, a, a));
        Assert.Throws<ArgumentNullException>(() => r.AddRate(a, null!, a));
        Assert.Throws<ArgumentNullException>(() => r.AddRate(a, a, null!));
        Assert.Throws<ArgumentNullException>(() => r.MaxDecayRate(a, null!));
        var bd = new ExactReaction(new FlowSpec(FlowKind.BirthDeath, 2, 1), 4);
        Assert.Throws<ArgumentNullException>(() => bd.MaxDecayRate(a, null!));
    }

    [Fact]
    public void Steppers_refuse_null_arguments()
    {
        var disc = new MeshDiscretization(Mesh, new PrescribedPotential(2, e => e[0]), new FlowSpec(FlowKind.Wfr, 1, 1), SlopeLimiter.None);
        var a = new double[8];
        foreach (var name in MeshSteppers.Names)
        {
            var s = MeshSteppers.Create(name);
            Assert.Throws<ArgumentNullException>(() => s.TryStep(null!, a, a, 0.01, a));
            Assert.Throws<ArgumentNullException>(() => s.TryStep(disc, null!, a, 0.01, a));
        }
    }
}

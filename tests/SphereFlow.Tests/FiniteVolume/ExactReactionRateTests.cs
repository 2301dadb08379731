using SphereFlow.Flows;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// <see cref="ExactReaction"/> against its closed forms, computed here from the definitions: the rate −α (J_K − s) M_K
/// with s = 0 (WFR) or s = J̄ = Σ M J / Σ M (birth–death), the exact factor exp(−α (J_K − s) τ), and the largest decay
/// rate α max_K (J_K − s)⁺ with s = min J for birth–death.
/// </summary>
public class ExactReactionRateTests
{
    private static readonly double[] M = [0.5, 1.5, 0.0, 2.0];
    private static readonly double[] J = [-1.0, 0.25, 3.0, 1.0];

    // J̄ = (0.5·(−1) + 1.5·0.25 + 0 + 2·1) / 4 = 1.875 / 4.
    private const double JBar = 1.875 / 4;

    [Theory]
    [InlineData(FlowKind.Wfr, 0.0)]
    [InlineData(FlowKind.BirthDeath, JBar)]
    public void Rate_is_minus_alpha_J_minus_shift_times_M(FlowKind kind, double shift)
    {
        const double alpha = 3;
        var r = new ExactReaction(new FlowSpec(kind, alpha, 1), M.Length);
        double[] dmdt = [1, 2, 3, 4];
        r.AddRate(M, J, dmdt);
        for (int k = 0; k < M.Length; k++)
            Assert.Equal(k + 1 - alpha * (J[k] - shift) * M[k], dmdt[k], 14);
    }

    [Theory]
    [InlineData(FlowKind.Wfr, 0.0)]
    [InlineData(FlowKind.BirthDeath, JBar)]
    public void Apply_multiplies_by_the_exact_factor(FlowKind kind, double shift)
    {
        const double alpha = 3, tau = 0.2;
        var r = new ExactReaction(new FlowSpec(kind, alpha, 1), M.Length);
        var m = (double[])M.Clone();
        r.Apply(m, J, tau);
        var expected = M.Select((v, k) => v * Math.Exp(-alpha * (J[k] - shift) * tau)).ToArray();
        // Birth–death is rescaled to the previous total (the closed form conserves it only to O(τ²)).
        if (kind == FlowKind.BirthDeath) { double f = M.Sum() / expected.Sum(); for (int k = 0; k < 4; k++) expected[k] *= f; }
        for (int k = 0; k < M.Length; k++) Assert.Equal(expected[k], m[k], 14);
    }

    [Fact]
    public void A_zero_time_or_a_zero_alpha_leaves_the_masses_bitwise_unchanged()
    {
        var m = (double[])M.Clone();
        new ExactReaction(new FlowSpec(FlowKind.BirthDeath, 3, 1), 4).Apply(m, J, 0);
        new ExactReaction(new FlowSpec(FlowKind.Wasserstein, 0, 1), 4).Apply(m, J, 5);
        Assert.Equal(M, m);
    }

    [Fact]
    public void Largest_decay_rate_uses_zero_shift_for_wfr_and_min_J_for_birth_death()
    {
        const double alpha = 2;
        // WFR: α max(J)⁺ = 2·3; birth–death: α (max J − min J) = 2·4 (not α (max J − J̄), the shift of the current masses).
        Assert.Equal(6.0, new ExactReaction(new FlowSpec(FlowKind.Wfr, alpha, 1), 4).MaxDecayRate(M, J), 14);
        Assert.Equal(8.0, new ExactReaction(new FlowSpec(FlowKind.BirthDeath, alpha, 1), 4).MaxDecayRate(M, J), 14);
        // All J ≤ 0 under WFR: nothing decays.
        Assert.Equal(0.0, new ExactReaction(new FlowSpec(FlowKind.Wfr, alpha, 1), 2).MaxDecayRate([1, 1], [-1, -2]));
        Assert.Equal(0.0, new ExactReaction(new FlowSpec(FlowKind.Wasserstein, 0, 1), 4).MaxDecayRate(M, J));
    }
}

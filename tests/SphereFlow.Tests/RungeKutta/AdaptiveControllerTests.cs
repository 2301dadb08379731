using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Tests.RungeKutta;

/// <summary>
/// The documented contract of <see cref="EmbeddedRungeKutta{TState}"/> on diagonal linear systems y_c' = λ_c y_c, where the
/// error estimate is known independently: the stage rates are k_i = λ P_i(z) y0 with the stage polynomials
/// P_1 = 1, P_i = 1 + z Σ_j a_ij P_j (z = λh), so the estimate is h Σ_i e_i k_i and the new value y0 (1 + z Σ_i a_7i P_i).
/// From it: the RMS error in the mixed scale tol·(1 + max(|y_n|, |y_n+1|)), the proposed next step
/// h·clamp(0.9·err^(−1/5), 0.2, 5), no growth right after a rejection, first-same-as-last reuse (6 evaluations per step),
/// the proposal in checkpoints, and the argument checks. Written against the Stryker survivors on RungeKutta
/// (mutation/README.md).
/// </summary>
public class AdaptiveControllerTests
{
    private sealed class Diagonal(params double[] lambda) : IOdeSystem<VectorState>
    {
        public int Evaluations { get; private set; }
        public VectorState CreateLike(VectorState state) => new(new double[state.Values.Length]);
        public void Rates(VectorState y, VectorState dydt)
        {
            Evaluations++;
            for (int c = 0; c < y.Values.Length; c++) dydt.Values[c] = lambda[c % lambda.Length] * y.Values[c];
        }
    }

    /// <summary>A system whose rates are finite at the start and NaN at every stage point after it.</summary>
    private sealed class Poisoned : IOdeSystem<VectorState>
    {
        public int Evaluations { get; private set; }
        public VectorState CreateLike(VectorState state) => new(new double[state.Values.Length]);
        public void Rates(VectorState y, VectorState dydt) => dydt.Values[0] = Evaluations++ == 0 ? -1 : double.NaN;
    }

    private static EmbeddedRungeKutta<VectorState> Dopri(double tol) => new("adaptive", ButcherTableaus.DormandPrince54, tol);

    /// <summary>Independent error estimate of one Dormand–Prince step of size h from y0 (RMS over the components).</summary>
    private static double ExpectedError(double[] lambda, double[] y0, double h, double tol)
    {
        var t = ButcherTableaus.DormandPrince54;
        double sum = 0;
        for (int c = 0; c < y0.Length; c++)
        {
            double z = lambda[c] * h;
            var p = new double[t.Stages];
            for (int i = 0; i < t.Stages; i++)
            {
                double acc = 0;
                for (int j = 0; j < i; j++) acc += t.A[i][j] * p[j];
                p[i] = 1 + z * acc;
            }
            double est = 0, step = 0;
            for (int i = 0; i < t.Stages; i++) { est += t.ErrorWeights![i] * lambda[c] * p[i] * y0[c]; step += t.A[^1].ElementAtOrDefault(i) * p[i]; }
            double y1 = y0[c] * (1 + z * step);
            double r = h * est / (tol * (1 + Math.Max(Math.Abs(y0[c]), Math.Abs(y1))));
            sum += r * r;
        }
        return Math.Sqrt(sum / y0.Length);
    }

    private static double Proposal(double err, double h) => h * Math.Clamp(0.9 * Math.Pow(err, -0.2), 0.2, 5);

    [Fact]
    public void An_accepted_step_proposes_h_times_the_clamped_error_factor_and_the_next_step_takes_it()
    {
        double[] lambda = [-1, -3];
        double[] y0 = [1, 0.5];
        const double tol = 1e-4, dt = 0.27;   // error ≈ 0.93: accepted, and the proposal falls below dt
        var sys = new Diagonal(lambda);
        var y = new VectorState((double[])y0.Clone());
        var s = Dopri(tol);
        var r = s.Step(sys, y, dt);
        double err = ExpectedError(lambda, y0, dt, tol);
        Assert.True(err <= 1 && err > 0, $"precondition: the first trial step is accepted (err {err})");
        Assert.Equal((dt, 0), (r.Dt, r.Rejections));
        Assert.Equal(Proposal(err, dt), s.ProposedStep, 1e-12);
        Assert.True(s.ProposedStep < dt, $"precondition: the proposal {s.ProposedStep} is below the cap");
        var y1 = (double[])y.Values.Clone();
        var r2 = s.Step(sys, y, dt);                                  // the cap no longer binds: the proposal is taken
        Assert.Equal(Proposal(err, dt), r2.Dt, 1e-12);
        Assert.Equal(Proposal(ExpectedError(lambda, y1, r2.Dt, tol), r2.Dt), s.ProposedStep, 1e-12);
    }

    [Fact]
    public void A_zero_error_grows_the_step_fivefold()
    {
        var s = Dopri(1e-6);
        s.Step(new Diagonal(-1), new VectorState([0.0, 0.0]), 0.1);
        Assert.Equal(0.5, s.ProposedStep, 15);
    }

    /// <summary>
    /// y' = −50y from h = 1: the trial steps are rejected until the error is ≤ 1; the accepted step's own error would allow
    /// growth (checked: err &lt; 0.9^5), but right after a rejection the proposal must not exceed the accepted step.
    /// </summary>
    [Fact]
    public void No_growth_right_after_a_rejection()
    {
        const double tol = 1e-8;
        var s = Dopri(tol);
        var y = new VectorState([1.0]);
        var r = s.Step(new Diagonal(-50), y, 1);
        Assert.True(r.Rejections > 0);
        double err = ExpectedError([-50], [1.0], r.Dt, tol);
        Assert.True(err < Math.Pow(0.9, 5), $"precondition: the accepted error {err} alone would let the step grow");
        Assert.Equal(Math.Min(Proposal(err, r.Dt), r.Dt), s.ProposedStep, 1e-12);
    }

    [Fact]
    public void Last_stage_is_reused_only_for_the_state_it_was_computed_for_and_checkpoints_carry_the_proposal()
    {
        var sys = new Diagonal(-1, -3);
        var y = new VectorState([1.0, 0.5]);
        var a = Dopri(1e-6);
        a.Step(sys, y, 0.05);
        Assert.Equal(7, sys.Evaluations);
        a.Step(sys, y, 0.05);
        Assert.Equal(7 + 6, sys.Evaluations);                      // first same as last
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) a.WriteState(w);
        var b = Dopri(1e-6);
        buffer.Position = 0;
        using (var rd = new BinaryReader(buffer)) b.ReadState(rd);
        Assert.Equal(a.ProposedStep, b.ProposedStep);
        y.Values[0] += 1e-3;                                        // the state changed outside the stepper
        var yb = new VectorState((double[])y.Values.Clone());
        int before = sys.Evaluations;
        var ra = a.Step(sys, y, 0.05);
        Assert.Equal(7, sys.Evaluations - before);                  // no reuse of a stale last stage
        var rb = b.Step(new Diagonal(-1, -3), yb, 0.05);
        Assert.Equal(ra.Dt, rb.Dt);
        Assert.Equal(y.Values, yb.Values);
    }

    [Fact]
    public void The_stepper_follows_a_change_of_state_size()
    {
        var s = Dopri(1e-8);
        s.Step(new Diagonal(-1), new VectorState([1.0, 1.0]), 0.01);
        var y = new VectorState([1.0, 1.0, 1.0]);
        double t = 0;
        while (0.2 - t > 1e-15) t += s.Step(new Diagonal(-1), y, 0.2 - t).Dt;
        Assert.All(y.Values, v => Assert.Equal(Math.Exp(-0.2), v, 1e-9));
        var rk4 = new ExplicitRungeKutta<VectorState>("rk4", ButcherTableaus.Rk4);
        rk4.Step(new Diagonal(-1), new VectorState([1.0]), 0.1);
        var z = new VectorState([1.0, 2.0]);
        rk4.Step(new Diagonal(-1), z, 0.1);
        Assert.Equal(2 * z.Values[0], z.Values[1], 15);
    }

    /// <summary>Rates NaN at every stage: each trial is rejected; the 61st rejection throws, after 1 + 6·61 evaluations.</summary>
    [Fact]
    public void Sixty_rejections_in_a_row_are_allowed_and_the_sixty_first_throws()
    {
        var sys = new Poisoned();
        var e = Assert.Throws<ArithmeticException>(() => Dopri(1e-6).Step(sys, new VectorState([1.0]), 1));
        Assert.Equal(1 + 6 * 61, sys.Evaluations);
        Assert.Contains("61 rejected steps", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_arguments_and_bad_checkpoints_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new EmbeddedRungeKutta<VectorState>(null!, ButcherTableaus.DormandPrince54, 1e-6));
        Assert.Throws<ArgumentNullException>(() => new EmbeddedRungeKutta<VectorState>("a", null!, 1e-6));
        Assert.Throws<ArgumentException>(() => new EmbeddedRungeKutta<VectorState>("a", ButcherTableaus.Rk4, 1e-6));
        foreach (double tol in new[] { 0.0, -1e-6, double.NaN, double.PositiveInfinity })
            Assert.Throws<ArgumentException>(() => Dopri(tol));
        var s = Dopri(1e-6);
        Assert.Throws<ArgumentNullException>(() => s.Step(null!, new VectorState([1.0]), 0.1));
        Assert.Throws<ArgumentNullException>(() => s.Step(new Diagonal(-1), null!, 0.1));
        foreach (double dt in new[] { 0.0, -0.1, double.NaN })
            Assert.Throws<ArgumentOutOfRangeException>(() => s.Step(new Diagonal(-1), new VectorState([1.0]), dt));
        foreach (double h in new[] { -1.0, double.NaN, double.PositiveInfinity })
        {
            using var buffer = new MemoryStream();
            using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) w.Write(h);
            buffer.Position = 0;
            using var r = new BinaryReader(buffer);
            Assert.Throws<InvalidDataException>(() => s.ReadState(r));
        }
        var rk4 = new ExplicitRungeKutta<VectorState>("rk4", ButcherTableaus.Rk4);
        Assert.Throws<ArgumentNullException>(() => new ExplicitRungeKutta<VectorState>(null!, ButcherTableaus.Rk4));
        Assert.Throws<ArgumentNullException>(() => new ExplicitRungeKutta<VectorState>("x", null!));
        Assert.Throws<ArgumentNullException>(() => rk4.Step(null!, new VectorState([1.0]), 0.1));
        Assert.Throws<ArgumentNullException>(() => rk4.Step(new Diagonal(-1), null!, 0.1));
    }

    [Fact]
    public void Tableaus_have_their_names_and_only_dormand_prince_is_first_same_as_last()
    {
        Assert.Equal(["euler", "rk4", "dopri5"], new[] { ButcherTableaus.Euler.Name, ButcherTableaus.Rk4.Name, ButcherTableaus.DormandPrince54.Name });
        Assert.True(ButcherTableaus.DormandPrince54.FirstSameAsLast);
        Assert.False(ButcherTableaus.Rk4.FirstSameAsLast);
        Assert.False(ButcherTableaus.Euler.FirstSameAsLast);
        // c_last = 1 and b_last = 0, but the last row of A is not b: not first-same-as-last.
        var t = new ButcherTableau("t", 2, [0, 0.5, 1], [[], [0.5], [0.5, 0.5]], [0, 1, 0]);
        Assert.False(t.FirstSameAsLast);
        Assert.True((t with { A = [[], [0.5], [0, 1]] }).FirstSameAsLast);
        Assert.False((t with { A = [[], [0.5], [0, 1]], BDivisor = 2, B = [0, 2, 0] }).FirstSameAsLast);
    }

    [Fact]
    public void Inconsistent_tableaus_are_refused_naming_what_is_wrong()
    {
        var ok = new ButcherTableau("ok", 2, [0, 0.5], [[], [0.5]], [0, 1]);
        Assert.Same(ok, ok.Validated());
        Assert.Contains("2 rows of A", Assert.Throws<ArgumentException>(() => (ok with { A = [[]] }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("2 rows of A", Assert.Throws<ArgumentException>(() => (ok with { B = [1] }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("row 1 of A must have 1", Assert.Throws<ArgumentException>(() => (ok with { A = [[], [0.25, 0.25]] }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("row 1 of A sums to", Assert.Throws<ArgumentException>(() => (ok with { A = [[], [0.5 + 1e-13]] }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("weights sum to", Assert.Throws<ArgumentException>(() => (ok with { B = [0, 1 + 1e-13] }).Validated()).Message, StringComparison.Ordinal);
        Assert.NotNull((ok with { B = [0, 2], BDivisor = 2 }).Validated());
        Assert.Contains("error weights", Assert.Throws<ArgumentException>(() => (ok with { ErrorWeights = [1e-13, 0] }).Validated()).Message, StringComparison.Ordinal);
        Assert.Contains("error weights", Assert.Throws<ArgumentException>(() => (ok with { ErrorWeights = [0] }).Validated()).Message, StringComparison.Ordinal);
        Assert.NotNull((ok with { ErrorWeights = [0.5, -0.5] }).Validated());
    }
}

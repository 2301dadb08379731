using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// The finite-volume steppers against hand computations from their definitions: SSPRK(3,3) in Shu–Osher form with J
/// re-evaluated at every stage (a ν-dependent J, so a stale J shows), and the accept/reject answer of every stepper over
/// a scan of step sizes (a step is accepted exactly when every checked stage is nonnegative), with first-order upwind
/// transport written out here face by face.
/// </summary>
public class MeshStepperContractTests
{
    [Fact]
    public void Registered_names_and_positivity_flags_match_the_steppers()
    {
        foreach (var name in MeshSteppers.Names) Assert.Equal(name, MeshSteppers.Create(name).Name);
        // An unknown name is refused naming the registry (the message a case file's typo produces).
        Assert.Contains("unknown mesh stepper 'rk5'", Assert.Throws<ArgumentException>(() => MeshSteppers.Create("rk5")).Message);
        // Lie and Strang apply the reaction exactly (a factor exp(·) > 0 never makes a mass negative), so their step bound
        // is the transport CFL alone; SSPRK3's stages are forward-Euler steps of the full right-hand side, so its bound
        // must add the reaction's decay rate α (J − s)⁺.
        Assert.False(new LieStepper().ReactionInPositivityBound);
        Assert.False(new StrangStepper().ReactionInPositivityBound);
        Assert.True(new Ssprk3Stepper().ReactionInPositivityBound);
    }

    /// <summary>J(η|ν) = a·η + c (∫ b·ξ dν)(b·η): the first variation of a·∫η dν + (c/2)(∫ b·ξ dν)², depends on ν.</summary>
    private sealed class CoupledPotential(double[] a, double[] b, double c) : IObjective
    {
        public int AmbientDim => a.Length;

        public double Moment(ReadOnlySpan<double> mass, ReadOnlySpan<double> points)
        {
            double m = 0;
            for (int q = 0; q < mass.Length; q++) m += mass[q] * Sphere.Dot(b, points.Slice(q * a.Length, a.Length));
            return m;
        }

        public double J(double moment, ReadOnlySpan<double> eta) => Sphere.Dot(a, eta) + c * moment * Sphere.Dot(b, eta);

        public Linearization Linearize(Measure nu)
        {
            double linear = 0;
            for (int q = 0; q < nu.Count; q++) linear += nu.Mass[q] * Sphere.Dot(a, nu.Point(q));
            double moment = Moment(nu.Mass, nu.Points);
            return new Lin(this, moment, linear + 0.5 * c * moment * moment);
        }

        private sealed class Lin(CoupledPotential p, double moment, double energy) : Linearization
        {
            public override double Energy => energy;
            public override void Evaluate(ReadOnlySpan<double> points, Span<double> j, Span<double> gradS)
            {
                for (int q = 0; q < j.Length; q++) j[q] = p.J(moment, points.Slice(q * p.AmbientDim, p.AmbientDim));
            }
        }
    }

    /// <summary>First-order upwind transport plus reaction, written out face by face.</summary>
    private static double[] HandRate(SphereMesh mesh, FlowSpec flow, double[] m, double[] j)
    {
        int n = mesh.CellCount;
        var r = new double[n];
        for (int k = 0; k < n; k++)
            for (int e = mesh.FaceStart[k]; e < mesh.FaceStart[k + 1]; e++)
            {
                int l = mesh.Neighbors[e];
                double u = flow.Beta * (j[k] - j[l]) / mesh.CenterDistances[e];
                if (u <= 0) continue;
                double flux = mesh.FaceMeasures[e] * u * m[k] / mesh.CellMeasures[k];
                r[k] -= flux; r[l] += flux;
            }
        double s = 0;
        if (flow.Kind == FlowKind.BirthDeath) s = m.Zip(j).Sum(p => p.First * p.Second) / m.Sum();
        for (int k = 0; k < n; k++) r[k] -= flow.Alpha * (j[k] - s) * m[k];
        return r;
    }

    private static double[] Axpy(double wx, double[] x, double wy, double[] y, double dt, double[] r) =>
        x.Select((v, k) => wx * v + wy * (y[k] + dt * r[k])).ToArray();

    [Theory]
    [InlineData(FlowKind.Wfr)]
    [InlineData(FlowKind.BirthDeath)]
    [InlineData(FlowKind.Wasserstein)]
    public void Ssprk3_equals_shu_osher_with_J_re_evaluated_at_every_stage(FlowKind kind)
    {
        var mesh = UniformCircleMesh.Create(12);
        var pot = new CoupledPotential([0.3, -0.8], [1, 0.5], 2.5);
        var flow = kind == FlowKind.Wasserstein ? new FlowSpec(kind, 0, 1.3) : new FlowSpec(kind, 2, 1.3);
        var disc = new MeshDiscretization(mesh, pot, flow, SlopeLimiter.None);
        var rng = new Random(7);
        var m0 = Enumerable.Range(0, 12).Select(_ => 0.2 + rng.NextDouble()).ToArray();
        double[] JAt(double[] m)
        {
            double mom = pot.Moment(m, mesh.Centers);
            return Enumerable.Range(0, 12).Select(k => pot.J(mom, mesh.Center(k))).ToArray();
        }
        var j0 = JAt(m0);
        // Half the forward-Euler positivity bound of the first stage: well inside, every stage stays admissible.
        double dt = 0.5 / (disc.Transport.MaxOutflowRate(j0) + disc.Reaction.MaxDecayRate(m0, j0));
        var s1 = Axpy(1, m0, 0, m0, 0, new double[12]).Select((v, k) => v + dt * HandRate(mesh, flow, m0, j0)[k]).ToArray();
        var s2 = Axpy(0.75, m0, 0.25, s1, dt, HandRate(mesh, flow, s1, JAt(s1)));
        var expected = Axpy(1.0 / 3, m0, 2.0 / 3, s2, dt, HandRate(mesh, flow, s2, JAt(s2)));
        if (kind == FlowKind.BirthDeath) { double f = m0.Sum() / expected.Sum(); for (int k = 0; k < 12; k++) expected[k] *= f; }

        var next = new double[12];
        var mCopy = (double[])m0.Clone();
        Assert.True(new Ssprk3Stepper().TryStep(disc, mCopy, (double[])j0.Clone(), dt, next));
        Assert.Equal(m0, mCopy); // the start state is left alone
        // The stage J differs from j0 by O(c Δt) = O(1e-1) here, so a stale J shows far above this round-off tolerance.
        for (int k = 0; k < 12; k++) Assert.True(Math.Abs(next[k] - expected[k]) <= 1e-13, $"cell {k}: {next[k]} vs {expected[k]}");
    }

    private static bool NonNegative(double[] x) => x.All(v => v >= 0);

    // A value this close to 0 may round to either side in the stepper's and the test's different summation orders.
    private static bool Ambiguous(double[] x, double scale) => x.Any(v => v != 0 && Math.Abs(v) < 1e-12 * scale);

    [Fact]
    public void Every_stepper_accepts_a_step_exactly_when_its_checked_stages_are_nonnegative()
    {
        // Wasserstein flow (α = 0) with a prescribed J: the step is linear, M ↦ (I + Δt T)… , written out by hand.
        var mesh = UniformCircleMesh.Create(6);
        var flow = new FlowSpec(FlowKind.Wasserstein, 0, 1);
        var rng = new Random(11);
        var seen = new Dictionary<string, int>();
        for (int trial = 0; trial < 40; trial++)
        {
            var pot = FvTestSupport.RandomPotential(2, rng);
            var m = Enumerable.Range(0, 6).Select(_ => rng.NextDouble() < 0.3 ? 0 : rng.NextDouble()).ToArray();
            if (trial == 0)
            {
                // A designed chain 0 → 1 → 2 → 3 with outflow rates a : 2a : 4a and all mass in cell 0. With x = aΔt,
                // y = 2aΔt, z = 4aΔt the stages of cell 2 are s1 = 0, s2 = xy/4 ≥ 0 and s3 = (xy/6)(3 − x − y − z),
                // so 1.71 < z < 2.67 gives an SSPRK3 step whose stages 1 and 2 pass and whose result is negative.
                double[] table = [3, 2, 0, -4, -4, 3];
                pot = new PrescribedPotential(2, eta => table[mesh.Locate(eta)]);
                m = [1, 0, 0, 0, 0, 0];
            }
            var disc = new MeshDiscretization(mesh, pot, flow, SlopeLimiter.None);
            var j = Enumerable.Range(0, 6).Select(k => pot.Value(mesh.Center(k))).ToArray();
            double rate = disc.Transport.MaxOutflowRate(j), scale = m.Max() + 1;
            if (!(rate > 0)) continue;
            for (double dt = 0.05 / rate; dt < 30 / rate; dt *= 1.13)
            {
                // Forward-Euler transport stage and the Heun (SSP-RK2) average.
                double[] Euler(double[] x) { var r = HandRate(mesh, flow, x, j); return x.Select((v, k) => v + dt * r[k]).ToArray(); }
                var e1 = Euler(m);
                var heun = m.Select((v, k) => 0.5 * v + 0.5 * Euler(e1)[k]).ToArray();
                var s2 = m.Select((v, k) => 0.75 * v + 0.25 * Euler(e1)[k]).ToArray();
                var s3 = m.Select((v, k) => v / 3 + 2.0 / 3 * Euler(s2)[k]).ToArray();
                if (Ambiguous(e1, scale) || Ambiguous(heun, scale) || Ambiguous(s2, scale) || Ambiguous(s3, scale)) continue;
                var expected = new Dictionary<string, (bool ok, double[] next)>
                {
                    ["lie"] = (NonNegative(e1), e1),
                    ["strang"] = (NonNegative(heun), heun),
                    ["ssprk3"] = (NonNegative(e1) && NonNegative(s2) && NonNegative(s3), s3),
                };
                string ssprkCase = !NonNegative(e1) ? "stage 1" : !NonNegative(s2) ? "stage 2" : !NonNegative(s3) ? "stage 3" : "accepted";
                seen[ssprkCase] = seen.GetValueOrDefault(ssprkCase) + 1;
                foreach (var name in MeshSteppers.Names)
                {
                    var next = Enumerable.Repeat(double.NaN, 6).ToArray();
                    bool ok = MeshSteppers.Create(name).TryStep(disc, m, j, dt, next);
                    var (okExpected, nextExpected) = expected[name];
                    Assert.True(ok == okExpected, $"{name}, trial {trial}, dt·rate = {dt * rate}: accepted {ok}, expected {okExpected} (ssprk3: {ssprkCase})");
                    if (!ok) continue;
                    Assert.True(MeshDiscretization.IsAdmissible(next), $"{name} accepted an inadmissible step");
                    for (int k = 0; k < 6; k++) Assert.True(Math.Abs(next[k] - nextExpected[k]) <= 1e-12 * scale, $"{name}, cell {k}: {next[k]} vs {nextExpected[k]}");
                }
            }
        }
        // The scan must reach every outcome of SSPRK3, else it could not tell which stage check is missing.
        foreach (var c in new[] { "stage 1", "stage 2", "stage 3", "accepted" })
            Assert.True(seen.GetValueOrDefault(c) > 0, $"no step of the scan ended at '{c}': {string.Join(", ", seen)}");
    }
}

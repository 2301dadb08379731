using System.Diagnostics;
using System.Globalization;
using SphereFlow.Cases;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Stepping;
using SphereFlow.Diagnostics;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Validation.Statistics;
using SphereFlow.Flows;
using SphereFlow.Solvers.BirthDeath;

namespace SphereFlow.Validation.Comparison;

/// <summary>The mesh solution at one comparison time.</summary>
/// <param name="T">Time.</param>
/// <param name="Energy">F(ν^mesh_t).</param>
/// <param name="Mass">ν^mesh_t(S^d).</param>
/// <param name="Prediction">h^mesh_t at the data points (null when the objective has no data predictions).</param>
/// <param name="Measure">The cell masses as a measure at the cell centres.</param>
/// <param name="KernelSelfSum">∬k dν^mesh dν^mesh of the MMD kernel.</param>
/// <param name="SinkhornSelfCost">OT_ε(ν^mesh, ν^mesh) for the Sinkhorn divergence (NaN when not requested or not affordable).</param>
public sealed record MeshSnapshot(double T, double Energy, double Mass, double[]? Prediction, Measure Measure, double KernelSelfSum, double SinkhornSelfCost = double.NaN);

/// <summary>
/// The mesh reference of a comparison: the case (its finest mesh), every refinement level run through the comparison times,
/// and the refinement study; shared by the particle studies run against it.
/// </summary>
/// <param name="CasePath">The mesh case file (full path).</param>
/// <param name="Case">The case as loaded; its solver has been run to the last comparison time.</param>
/// <param name="Spec">Its mesh solver specification.</param>
/// <param name="Levels">The levels, coarse to fine.</param>
/// <param name="Refinement">Differences, observed orders and error estimates per time and metric.</param>
/// <param name="FormalOrder">The order the estimates are capped at.</param>
/// <param name="Times">Comparison times.</param>
/// <param name="Overrides">Overrides applied to the case.</param>
/// <param name="Kappa">MMD kernel concentration.</param>
public sealed record MeshReference(string CasePath, SimulationCase Case, MeshSolverSpec Spec, IReadOnlyList<MeshLevel> Levels, IReadOnlyList<RefinementRow> Refinement,
                                   double FormalOrder, double[] Times, string[] Overrides, double Kappa)
{
    /// <summary>ε of the Sinkhorn divergence the snapshots carry self costs for (null: none).</summary>
    public double? SinkhornEpsilon { get; init; }
}

/// <summary>One particle run compared with the mesh solution at one time.</summary>
/// <param name="T">Time.</param>
/// <param name="M">Particle count.</param>
/// <param name="Seed">Seed of the initial sample.</param>
/// <param name="EnergyMesh">F(ν^mesh_t).</param>
/// <param name="EnergyParticles">F(ν^m_t).</param>
/// <param name="PredictionError">‖h^mesh_t − h^m_t‖_{L²(ω)} (NaN without data predictions).</param>
/// <param name="Mmd">MMD(ν^mesh_t, ν^m_t).</param>
/// <param name="W1">W1 on S^1 between the normalised measures (NaN on higher spheres).</param>
/// <param name="MassMesh">ν^mesh_t(S^d).</param>
/// <param name="MassParticles">ν^m_t(S^d).</param>
/// <param name="WallSeconds">Wall time of this particle run so far.</param>
/// <param name="Sinkhorn">Sinkhorn divergence S_ε with geodesic cost between the normalised measures (NaN unless requested, see
/// <see cref="ComparisonOptions.SinkhornEpsilon"/>, or when the cost matrix exceeds its size limit).</param>
public sealed record ComparisonRow(double T, int M, int Seed, double EnergyMesh, double EnergyParticles, double PredictionError,
                                   double Mmd, double W1, double MassMesh, double MassParticles, double WallSeconds, double Sinkhorn = double.NaN)
{
    /// <summary>|F(ν^mesh_t) − F(ν^m_t)|.</summary>
    public double EnergyError => Math.Abs(EnergyMesh - EnergyParticles);
}

/// <summary>What a rate row says: fitted over the m where the particle error exceeds the mesh error, or why not.</summary>
public static class RateStatus
{
    /// <summary>Fitted over the m whose mean error is at least the margin times the mesh error estimate.</summary>
    public const string Fitted = "fitted";
    /// <summary>Fewer than three m have a mean error above the margin times the mesh error estimate: not fitted.</summary>
    public const string MeshDominates = "mesh error dominates";
    /// <summary>The refinement levels do not converge at this time and metric (differences do not decrease): not fitted.</summary>
    public const string MeshUnknown = "mesh error unknown";
}

/// <summary>
/// A fitted rate error ≈ c m^p of one metric at one time, over the (m, seed) runs of the m where the particle error is
/// at least the margin times the mesh reference's own error estimate (<see cref="ComparisonOptions.MeshMargin"/>).
/// </summary>
/// <param name="T">Time.</param>
/// <param name="Metric">energy, prediction, mmd or w1.</param>
/// <param name="Status">A <see cref="RateStatus"/> value; only <see cref="RateStatus.Fitted"/> rows carry a fit.</param>
/// <param name="Fit">The power-law fit over <paramref name="FittedCounts"/> (NaN when not fitted).</param>
/// <param name="MeshError">Richardson estimate of the mesh reference's error in this metric at this time (NaN: unknown).</param>
/// <param name="FittedCounts">The particle counts fitted (the smallest m up to the last whose mean error exceeds the margin).</param>
public sealed record ComparisonRate(double T, string Metric, string Status, PowerLawFit Fit, double MeshError, int[] FittedCounts)
{
    /// <summary>Whether this row carries a fit.</summary>
    public bool IsFitted => Status == RateStatus.Fitted;
}

/// <summary>The outcome of <see cref="ComparisonStudy.Run(string, ComparisonOptions, Action{string}?)"/> or of <see cref="ComparisonMerge.Merge"/>.</summary>
/// <param name="Setting">The study's definition (also written as compare.json).</param>
/// <param name="Mesh">The finest mesh solution at the comparison times (empty after a merge).</param>
/// <param name="Rows">Every particle run at every time, in m, seed, time order.</param>
/// <param name="Rates">Fitted rates per time and metric.</param>
/// <param name="Case">The mesh case as loaded (null after a merge).</param>
/// <param name="Refinement">The refinement study of the mesh reference per time and metric.</param>
public sealed record ComparisonResult(ComparisonSetting Setting, IReadOnlyList<MeshSnapshot> Mesh, IReadOnlyList<ComparisonRow> Rows,
                                      IReadOnlyList<ComparisonRate> Rates, SimulationCase? Case, IReadOnlyList<RefinementRow> Refinement);

/// <summary>
/// Eulerian versus Lagrangian (DESIGN.md §5): the mesh solution of a mesh case is the reference; particle runs of the
/// same problem and flow start from m particles sampled from the same initial mesh density (<c>init: from-mesh</c>), for
/// each m and seed, and at fixed times the study records |F(ν^mesh_t) − F(ν^m_t)|, ‖h^mesh_t − h^m_t‖_{L²(ω)} and the
/// kernel MMD between the two measures (on S^1 also the closed-form W1 between the normalised measures). The mesh reference
/// comes with a refinement study (<see cref="MeshRefinement"/>: the case's mesh and coarser levels, observed orders and a
/// Richardson estimate of its own error at every time and metric); error ≈ c m^p is fitted, with a 95% interval, only over
/// the m whose mean particle error is at least <see cref="ComparisonOptions.MeshMargin"/> times that estimate, and a time
/// and metric where fewer than three m qualify is reported as dominated by the mesh error instead of fitted. With iid
/// sampling the expected exponent is −1/2 at every time (the particles' fluctuation around the mean-field limit).
/// </summary>
public static class ComparisonStudy
{
    /// <summary>The metrics fitted per time.</summary>
    public static readonly string[] Metrics = ["energy", "prediction", "mmd", "w1", "sinkhorn"];

    /// <summary>Runs the study on a mesh case file: its mesh reference with the refinement study, then the particle runs.</summary>
    public static ComparisonResult Run(string casePath, ComparisonOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Run(Reference(casePath, options, progress), options, progress);
    }

    /// <summary>
    /// The mesh reference of a mesh case file: the case's mesh (the finest level) and <see cref="ComparisonOptions.RefinementLevels"/>
    /// − 1 coarser levels (each with half the resolution and twice the Δt cap) run through the comparison times, and the
    /// refinement study of every time and metric. Several particle studies can share it (<see cref="Run(MeshReference, ComparisonOptions, Action{string}?)"/>).
    /// </summary>
    public static MeshReference Reference(string casePath, ComparisonOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(casePath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var meshCase = CaseReader.Load(casePath, options.Overrides);
        if (meshCase.Solver is not MeshSolver mesh || meshCase.Spec.Solver is not MeshSolverSpec meshSpec)
            throw new InputException($"{casePath}: solver.kind: compare needs a mesh case (solver.kind: mesh) as the Eulerian reference");
        double tEnd = meshCase.Options.TEnd;
        var times = options.Times ?? [0, tEnd / 4, tEnd / 2, tEnd];
        if (times[^1] > tEnd) throw new InputException($"--times: {times[^1].ToString("R", CultureInfo.InvariantCulture)} is past the case's solver.t_end = {tEnd.ToString("R", CultureInfo.InvariantCulture)}");
        var data = (meshCase.Problem.SampleObjective as NetworkObjective)?.Data;
        var weights = data?.Weights;
        // The scale of the predictions for their round-off level: ‖y‖ of the data (an h ≡ 0 start, e.g. a uniform relu measure,
        // has ‖h‖ = 0, and its levels then differ by round-off of the sums that cancel, of the size of the terms, not of h).
        double predictionScale = data is null ? 0 : PredictionDistance(data.Y, new double[data.Count], weights);
        var sinkhorn = options.SinkhornEpsilon is { } se ? new SinkhornOptions { Epsilon = se } : null;
        var coarser = Enumerable.Range(1, options.RefinementLevels - 1).Reverse()
            .Select(s => meshSpec with { Mesh = InputError(() => MeshRefinement.Coarser(meshSpec.Mesh, s)), Dt = meshSpec.Dt * (1 << s) }).ToList();
        var levels = new List<MeshLevel>();
        foreach (var spec in coarser)
        {
            var solver = (MeshSolver)spec.Build(meshCase.Problem, meshCase.Flow);
            levels.Add(MeshRun(solver, MeshRefinement.Describe(spec.Mesh), spec.Dt, times, meshCase.Options, options.Kappa, sinkhorn, progress));
        }
        levels.Add(MeshRun(mesh, MeshRefinement.Describe(meshSpec.Mesh), meshSpec.Dt, times, meshCase.Options, options.Kappa, sinkhorn, progress));
        // Formal order of the reference in h (Δt ∝ h across the levels): the reconstruction's order in space, and in time 3 for
        // SSPRK3 but 1 for the split steppers (J frozen over a step: first order when J depends on ν, as every network J does).
        double formalOrder = Math.Min(meshSpec.Order, meshSpec.Stepper == "ssprk3" ? 3 : 1);
        var refinement = MeshRefinement.Rows(levels, Metrics, (a, b, metric) => Distance(a, b, metric, weights, predictionScale, options.Kappa, sinkhorn), formalOrder);
        return new MeshReference(Path.GetFullPath(casePath), meshCase, meshSpec, levels, refinement, formalOrder, [.. times], [.. options.Overrides], options.Kappa)
        {
            SinkhornEpsilon = options.SinkhornEpsilon,
        };
    }

    /// <summary>The particle runs of a study against a mesh reference computed with the same times, overrides and kernel.</summary>
    public static ComparisonResult Run(MeshReference reference, ComparisonOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!options.Overrides.SequenceEqual(reference.Overrides) || !options.Kappa.Equals(reference.Kappa) || options.RefinementLevels != reference.Levels.Count
            || (options.Times is { } t && !t.SequenceEqual(reference.Times)) || !Nullable.Equals(options.SinkhornEpsilon, reference.SinkhornEpsilon))
            throw new ArgumentException("the options' times, overrides, kernels or refinement levels differ from those of the mesh reference");
        var sinkhorn = options.SinkhornEpsilon is { } se ? new SinkhornOptions { Epsilon = se } : null;
        var meshCase = reference.Case;
        var meshSpec = reference.Spec;
        if (!ParticleSteppers.Names.Contains(options.Stepper))
            throw new InputException($"--stepper: '{options.Stepper}' is not one of {string.Join(", ", ParticleSteppers.Names)}");
        if (options.BirthDeath is not null && meshCase.Flow.Kind != FlowKind.BirthDeath)
            throw new InputException($"--birth-death: applies to flow.kind: birth-death only (the case's flow is {meshCase.Flow.KindName})");
        double particleDt = options.ParticleDt ?? meshCase.Options.Dt;
        var weights = (meshCase.Problem.SampleObjective as NetworkObjective)?.Data.Weights;
        var snapshots = reference.Levels[^1].Snapshots;
        var rows = new List<ComparisonRow>();
        int runIndex = -1;
        foreach (int m in options.ParticleCounts)
        {
            for (int seed = 1; seed <= options.Seeds; seed++)
            {
                if (!options.Shard.Owns(++runIndex)) continue;
                var solver = ParticleRun(meshSpec, m, seed, options, particleDt).Build(meshCase.Problem, meshCase.Flow);
                var run = Stopwatch.StartNew();
                int compared = 0;
                var particleRun = ComparisonRun(solver, particleDt, reference.Times, meshCase.Options, new SimulationAction(_ =>
                {
                    var snap = snapshots[compared++];
                    var nu = solver.Current;
                    var lin = solver.Objective.Linearize(nu);
                    double hErr = PredictionDistance(snap.Prediction, Prediction(lin), weights);
                    double mmd = KernelDiscrepancy.Distance(snap.Measure, snap.KernelSelfSum, nu, options.Kappa);
                    double w1 = nu.AmbientDim == 2 ? CircleWasserstein.Distance(snap.Measure, nu) : double.NaN;
                    double sk = sinkhorn is not null && double.IsFinite(snap.SinkhornSelfCost) && SinkhornDivergence.Affordable(snap.Measure.Count, nu.Count, sinkhorn)
                        ? SinkhornDivergence.Distance(snap.Measure, snap.SinkhornSelfCost, nu, sinkhorn) : double.NaN;
                    rows.Add(new ComparisonRow(snap.T, m, seed, snap.Energy, lin.Energy, hErr, mmd, w1, snap.Mass, nu.TotalMass, run.Elapsed.TotalSeconds, sk));
                }));
                particleRun.Run();
                var last = rows[^1];
                progress?.Invoke($"particles: m = {m}, seed {seed}: t = {last.T:G6}, |ΔF| = {last.EnergyError:E3}, MMD = {last.Mmd:E3}, {run.Elapsed.TotalSeconds:F1} s");
            }
        }
        var finest = reference.Levels[^1];
        var mesh = (MeshSolver)meshCase.Solver;
        var setting = new ComparisonSetting(reference.CasePath, Path.GetFileNameWithoutExtension(reference.CasePath), mesh.Mesh.CellCount,
            mesh.Mesh.AmbientDim - 1, mesh.Stepper, meshCase.Flow.KindName, meshCase.Flow.Alpha, meshCase.Flow.Beta, finest.Steps, finest.WallSeconds,
            [.. options.ParticleCounts], options.Seeds, [.. reference.Times], options.Sampling, options.Placement, options.Stepper, options.Tolerance, particleDt, options.Kappa,
            [.. options.Overrides], options.Shard.Index, options.Shard.Count)
        {
            MeshOrder = meshSpec.Order,
            FormalOrder = reference.FormalOrder,
            MeshMargin = options.MeshMargin,
            BirthDeath = options.BirthDeath,
            SinkhornEpsilon = options.SinkhornEpsilon,
            Levels = [.. reference.Levels.Select(l => new ComparisonSetting.Level(l.Label, l.Cells, l.DtCap, l.Steps, l.WallSeconds))],
        };
        return new ComparisonResult(setting, snapshots, rows, Fit(rows, reference.Times, reference.Refinement, options.MeshMargin), meshCase, reference.Refinement);
    }

    /// <summary>Runs one mesh level through the comparison times (landing on each), keeping a snapshot at each.</summary>
    private static MeshLevel MeshRun(MeshSolver mesh, string label, double dt, IReadOnlyList<double> times, SimulationOptions caseOptions, double kappa,
                                     SinkhornOptions? sinkhorn, Action<string>? progress)
    {
        var clock = Stopwatch.StartNew();
        var snapshots = new List<MeshSnapshot>();
        var run = ComparisonRun(mesh, dt, times, caseOptions, new MeasureSnapshots(s =>
        {
            double t = times[snapshots.Count];
            var lin = mesh.Objective.Linearize(s.Measure);
            double self = sinkhorn is not null && SinkhornDivergence.Affordable(s.Measure.Count, s.Measure.Count, sinkhorn)
                ? SinkhornDivergence.Transport(s.Measure, s.Measure, sinkhorn).Cost : double.NaN;
            snapshots.Add(new MeshSnapshot(t, lin.Energy, s.Measure.TotalMass, Prediction(lin), s.Measure, KernelDiscrepancy.CrossSum(s.Measure, s.Measure, kappa), self));
            progress?.Invoke($"mesh ({label}, {mesh.Mesh.CellCount} cells): t = {t:G6}, F = {lin.Energy:E6}, {mesh.Steps} steps, {clock.Elapsed.TotalSeconds:F1} s");
        }));
        run.Run();
        return new MeshLevel(label, mesh.Mesh.CellCount, dt, mesh.Steps, clock.Elapsed.TotalSeconds, snapshots);
    }

    /// <summary>
    /// A metric between two mesh snapshots (NaN where it does not apply) and its round-off level: 1e-12 relative for F,
    /// ‖h‖ (relative to the larger of ‖h‖ and the data's ‖y‖) and W1 (sums of at most 10^5 terms); for the MMD, computed as √(S_a + S_b − 2C) from double sums of up to 10^10
    /// kernel values, √(1e-13 (S_a + S_b)); for the Sinkhorn divergence, whose potentials stop at a marginal error of 10^−11,
    /// 10^−9.
    /// </summary>
    private static (double Value, double RoundOff) Distance(MeshSnapshot a, MeshSnapshot b, string metric, double[]? weights, double predictionScale, double kappa, SinkhornOptions? sinkhorn) => metric switch
    {
        "sinkhorn" => (sinkhorn is not null && double.IsFinite(a.SinkhornSelfCost) && double.IsFinite(b.SinkhornSelfCost) && SinkhornDivergence.Affordable(a.Measure.Count, b.Measure.Count, sinkhorn)
                          ? Math.Max(0, SinkhornDivergence.Transport(a.Measure, b.Measure, sinkhorn).Cost - 0.5 * (a.SinkhornSelfCost + b.SinkhornSelfCost)) : double.NaN, 1e-9),
        "energy" => (Math.Abs(a.Energy - b.Energy), 1e-12 * Math.Max(Math.Abs(a.Energy), Math.Abs(b.Energy))),
        "prediction" => (PredictionDistance(a.Prediction, b.Prediction, weights),
                         1e-12 * Math.Max(predictionScale, PredictionDistance(a.Prediction, new double[a.Prediction?.Length ?? 0], weights))),
        "mmd" => (Math.Sqrt(Math.Max(0, a.KernelSelfSum + b.KernelSelfSum - 2 * KernelDiscrepancy.CrossSum(a.Measure, b.Measure, kappa))),
                  Math.Sqrt(1e-13 * (a.KernelSelfSum + b.KernelSelfSum))),
        "w1" => (a.Measure.AmbientDim == 2 ? CircleWasserstein.Distance(a.Measure, b.Measure) : double.NaN, 1e-12 * Math.PI),
        _ => throw new ArgumentException($"unknown metric '{metric}'"),
    };

    private static T InputError<T>(Func<T> f)
    {
        try { return f(); }
        catch (ArgumentException e) { throw new InputException(e.Message, e); }
    }

    /// <summary>
    /// Fits error ≈ c m^p per time and metric over the runs of the smallest m up to the last m (in increasing order) whose
    /// mean error over seeds is at least <paramref name="margin"/> times the mesh error estimate of that time and metric;
    /// with fewer than three such m, or no estimate, the row says so and carries no fit.
    /// </summary>
    public static IReadOnlyList<ComparisonRate> Fit(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<double> times,
                                                    IReadOnlyList<RefinementRow> refinement, double margin)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(refinement);
        var none = new PowerLawFit(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var rates = new List<ComparisonRate>();
        foreach (double t in times)
        {
            var at = rows.Where(r => r.T == t).ToList();
            foreach (var metric in Metrics)
            {
                if (at.Count == 0 || at.All(r => double.IsNaN(Value(r, metric)))) continue;
                double meshError = refinement.FirstOrDefault(x => x.T == t && x.Metric == metric)?.Estimate.Error ?? double.NaN;
                if (!double.IsFinite(meshError))
                {
                    rates.Add(new ComparisonRate(t, metric, RateStatus.MeshUnknown, none, meshError, []));
                    continue;
                }
                var counts = new List<int>();
                foreach (var g in at.GroupBy(r => r.M).OrderBy(g => g.Key))
                {
                    if (!(g.Average(r => Value(r, metric)) >= margin * meshError)) break;
                    counts.Add(g.Key);
                }
                if (counts.Count < 3)
                {
                    rates.Add(new ComparisonRate(t, metric, RateStatus.MeshDominates, none, meshError, [.. counts]));
                    continue;
                }
                var fitted = at.Where(r => counts.Contains(r.M)).ToList();
                rates.Add(new ComparisonRate(t, metric, RateStatus.Fitted,
                    PowerLawFit.Fit([.. fitted.Select(r => (double)r.M)], [.. fitted.Select(r => Value(r, metric))]), meshError, [.. counts]));
            }
        }
        return rates;
    }

    /// <summary>A row's value of a metric (see <see cref="Metrics"/>).</summary>
    public static double Value(ComparisonRow row, string metric)
    {
        ArgumentNullException.ThrowIfNull(row);
        return metric switch
        {
            "energy" => row.EnergyError,
            "prediction" => row.PredictionError,
            "mmd" => row.Mmd,
            "w1" => row.W1,
            "sinkhorn" => row.Sinkhorn,
            _ => throw new ArgumentException($"unknown metric '{metric}'"),
        };
    }

    /// <summary>
    /// A run of <paramref name="solver"/> to the last comparison time, landing on every comparison time, with the divergence
    /// checks of a case run (state every step; energy at the start and at the comparison times, with the case's blow-up
    /// factor) and <paramref name="compare"/> at each comparison time.
    /// </summary>
    private static Simulation ComparisonRun(ISolver solver, double dt, IReadOnlyList<double> times, SimulationOptions options, ISimulationCallback compare)
    {
        var sim = new Simulation(solver, dt, times[^1]);
        var at = new SpecifiedTimes([.. times]);
        sim.Add(new StateDivergenceCheck(), IterationInterval.EveryStep);
        sim.Add(new EnergyDivergenceCheck(new RunDiagnostics(solver, options.Lambda, []), options.BlowupFactor), new AnyOf(new SpecifiedTimes(0), new SpecifiedTimes([.. times])));
        sim.Add(compare, at);
        return sim;
    }

    private static double[]? Prediction(Linearization lin) => (lin as NetworkLinearization)?.Prediction.ToArray();

    private static double PredictionDistance(double[]? a, double[]? b, double[]? weights)
    {
        if (a is null || b is null || weights is null) return double.NaN;
        double s = 0;
        for (int i = 0; i < a.Length; i++) { double d = a[i] - b[i]; s += weights[i] * d * d; }
        return Math.Sqrt(s);
    }

    /// <summary>
    /// The particle run of one (m, seed): the mesh case's problem, flow, dt cap and t_end; m particles drawn from its initial
    /// density on its mesh (<c>init: from-mesh</c>) with the study's sampling, placement and stepper; for the birth–death flow
    /// deterministic weights or stochastic kill/clone (seeded by the run's seed) as <see cref="ComparisonOptions.BirthDeath"/> says.
    /// </summary>
    public static ParticleSolverSpec ParticleRun(MeshSolverSpec mesh, int m, int seed, ComparisonOptions options, double dt)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(options);
        var init = new FromMeshParticleInit(mesh.Mesh, mesh.Init,
            options.Placement == "jitter" ? MeshSampledMeasure.Placement.Jitter : MeshSampledMeasure.Placement.Center,
            options.Sampling == "iid" ? MeshSampledMeasure.Sampling.Iid : MeshSampledMeasure.Sampling.Stratified, seed);
        var birthDeath = options.BirthDeath switch
        {
            null => null,
            "stochastic" => new BirthDeathSpec(BirthDeathMode.Stochastic, Seed: seed),
            _ => new BirthDeathSpec(BirthDeathMode.Deterministic),
        };
        return new ParticleSolverSpec { Dt = dt, TEnd = mesh.TEnd, M = m, Init = init, Stepper = options.Stepper, Tolerance = options.Tolerance, BirthDeath = birthDeath };
    }
}

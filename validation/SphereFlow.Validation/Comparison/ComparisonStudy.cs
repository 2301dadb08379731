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

namespace SphereFlow.Validation.Comparison;

/// <summary>The mesh solution at one comparison time.</summary>
/// <param name="T">Time.</param>
/// <param name="Energy">F(ν^mesh_t).</param>
/// <param name="Mass">ν^mesh_t(S^d).</param>
/// <param name="Prediction">h^mesh_t at the data points (null when the objective has no data predictions).</param>
/// <param name="Measure">The cell masses as a measure at the cell centres.</param>
/// <param name="KernelSelfSum">∬k dν^mesh dν^mesh of the MMD kernel.</param>
public sealed record MeshSnapshot(double T, double Energy, double Mass, double[]? Prediction, Measure Measure, double KernelSelfSum);

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

/// <summary>A fitted rate error ≈ c m^p of one metric at one time, over every (m, seed) point.</summary>
/// <param name="T">Time.</param>
/// <param name="Metric">energy, prediction or mmd.</param>
/// <param name="Fit">The power-law fit.</param>
public sealed record ComparisonRate(double T, string Metric, PowerLawFit Fit);

/// <summary>The outcome of <see cref="ComparisonStudy.Run"/> or of <see cref="ComparisonMerge.Merge"/>.</summary>
/// <param name="Setting">The study's definition (also written as compare.json).</param>
/// <param name="Mesh">The mesh solution at the comparison times (empty after a merge).</param>
/// <param name="Rows">Every particle run at every time, in m, seed, time order.</param>
/// <param name="Rates">Fitted rates per time and metric.</param>
/// <param name="Case">The mesh case as loaded (null after a merge).</param>
public sealed record ComparisonResult(ComparisonSetting Setting, IReadOnlyList<MeshSnapshot> Mesh, IReadOnlyList<ComparisonRow> Rows,
                                      IReadOnlyList<ComparisonRate> Rates, SimulationCase? Case);

/// <summary>
/// Eulerian versus Lagrangian (DESIGN.md §5): the mesh solution of a mesh case is the reference; particle runs of the
/// same problem and flow start from m particles sampled from the same initial mesh density (<c>init: from-mesh</c>), for
/// each m and seed, and at fixed times the study records |F(ν^mesh_t) − F(ν^m_t)|, ‖h^mesh_t − h^m_t‖_{L²(ω)} and the
/// kernel MMD between the two measures (on S^1 also the closed-form W1 between the normalised measures), then fits error ≈ c m^p over all (m, seed) points with a 95% interval. At t = 0
/// with iid sampling the expected exponent is −1/2; at later times the particle error decays until the mesh's own
/// discretisation error (first order in h for upwind transport) is reached, where the curve flattens.
/// </summary>
public static class ComparisonStudy
{
    /// <summary>The metrics fitted per time.</summary>
    public static readonly string[] Metrics = ["energy", "prediction", "mmd", "w1", "sinkhorn"];

    /// <summary>Runs the study on a mesh case file.</summary>
    public static ComparisonResult Run(string casePath, ComparisonOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(casePath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var meshCase = CaseReader.Load(casePath, options.Overrides);
        if (meshCase.Solver is not MeshSolver mesh || meshCase.Spec.Solver is not MeshSolverSpec meshSpec)
            throw new InputException($"{casePath}: solver.kind: compare needs a mesh case (solver.kind: mesh) as the Eulerian reference");
        if (!ParticleSteppers.Names.Contains(options.Stepper))
            throw new InputException($"--stepper: '{options.Stepper}' is not one of {string.Join(", ", ParticleSteppers.Names)}");
        double tEnd = meshCase.Options.TEnd;
        var times = options.Times ?? [0, tEnd / 4, tEnd / 2, tEnd];
        if (times[^1] > tEnd) throw new InputException($"--times: {times[^1].ToString("R", CultureInfo.InvariantCulture)} is past the case's solver.t_end = {tEnd.ToString("R", CultureInfo.InvariantCulture)}");
        double meshDt = meshCase.Options.Dt;
        double particleDt = options.ParticleDt ?? meshDt;
        var weights = (meshCase.Problem.SampleObjective as NetworkObjective)?.Data.Weights;

        var clock = Stopwatch.StartNew();
        var snapshots = new List<MeshSnapshot>();
        var sinkhorn = options.SinkhornEpsilon is { } se ? new SinkhornOptions { Epsilon = se } : null;
        var meshSelf = new Dictionary<double, double>();
        var meshRun = ComparisonRun(mesh, meshDt, times, meshCase.Options, new MeasureSnapshots(s =>
        {
            double t = times[snapshots.Count];
            var lin = mesh.Objective.Linearize(s.Measure);
            snapshots.Add(new MeshSnapshot(t, lin.Energy, s.Measure.TotalMass, Prediction(lin), s.Measure, KernelDiscrepancy.CrossSum(s.Measure, s.Measure, options.Kappa)));
            if (sinkhorn is not null && SinkhornDivergence.Affordable(s.Measure.Count, s.Measure.Count, sinkhorn))
                meshSelf[t] = SinkhornDivergence.Transport(s.Measure, s.Measure, sinkhorn).Cost;
            progress?.Invoke($"mesh: t = {t:G6}, F = {lin.Energy:E6}, {mesh.Steps} steps, {clock.Elapsed.TotalSeconds:F1} s");
        }));
        meshRun.Run();
        double meshWall = clock.Elapsed.TotalSeconds;

        var rows = new List<ComparisonRow>();
        int runIndex = -1;
        foreach (int m in options.ParticleCounts)
        {
            for (int seed = 1; seed <= options.Seeds; seed++)
            {
                if (++runIndex % options.Shards != options.Shard - 1) continue;
                var solver = ParticleRun(meshSpec, m, seed, options, particleDt).Build(meshCase.Problem, meshCase.Flow);
                var run = Stopwatch.StartNew();
                int compared = 0;
                var particleRun = ComparisonRun(solver, particleDt, times, meshCase.Options, new SimulationAction(_ =>
                {
                    var snap = snapshots[compared++];
                    var nu = solver.Current;
                    var lin = solver.Objective.Linearize(nu);
                    double hErr = PredictionDistance(snap.Prediction, Prediction(lin), weights);
                    double mmd = KernelDiscrepancy.Distance(snap.Measure, snap.KernelSelfSum, nu, options.Kappa);
                    double w1 = nu.AmbientDim == 2 ? CircleWasserstein.Distance(snap.Measure, nu) : double.NaN;
                    double sk = sinkhorn is not null && meshSelf.TryGetValue(snap.T, out double self) && SinkhornDivergence.Affordable(snap.Measure.Count, nu.Count, sinkhorn)
                        ? SinkhornDivergence.Distance(snap.Measure, self, nu, sinkhorn) : double.NaN;
                    rows.Add(new ComparisonRow(snap.T, m, seed, snap.Energy, lin.Energy, hErr, mmd, w1, snap.Mass, nu.TotalMass, run.Elapsed.TotalSeconds, sk));
                }));
                particleRun.Run();
                var last = rows[^1];
                progress?.Invoke($"particles: m = {m}, seed {seed}: t = {last.T:G6}, |ΔF| = {last.EnergyError:E3}, MMD = {last.Mmd:E3}, {run.Elapsed.TotalSeconds:F1} s");
            }
        }
        var setting = new ComparisonSetting(Path.GetFullPath(casePath), Path.GetFileNameWithoutExtension(casePath), mesh.Mesh.CellCount,
            mesh.Mesh.AmbientDim - 1, mesh.Stepper, meshCase.Flow.KindName, meshCase.Flow.Alpha, meshCase.Flow.Beta, mesh.Steps, meshWall,
            [.. options.ParticleCounts], options.Seeds, [.. times], options.Sampling, options.Placement, options.Stepper, options.Tolerance, particleDt, options.Kappa,
            [.. options.Overrides], options.Shard, options.Shards);
        return new ComparisonResult(setting, snapshots, rows, Fit(rows, times), meshCase);
    }

    /// <summary>Fits error ≈ c m^p per time and metric over every (m, seed) point.</summary>
    public static IReadOnlyList<ComparisonRate> Fit(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<double> times)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(times);
        var rates = new List<ComparisonRate>();
        foreach (double t in times)
        {
            var at = rows.Where(r => r.T == t).ToList();
            var m = at.Select(r => (double)r.M).ToList();
            foreach (var metric in Metrics)
            {
                var y = at.Select(r => Value(r, metric)).ToList();
                if (y.All(double.IsNaN)) continue;
                rates.Add(new ComparisonRate(t, metric, PowerLawFit.Fit(m, y)));
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
    /// density on its mesh (<c>init: from-mesh</c>) with the study's sampling, placement and stepper.
    /// </summary>
    public static ParticleSolverSpec ParticleRun(MeshSolverSpec mesh, int m, int seed, ComparisonOptions options, double dt)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(options);
        var init = new FromMeshParticleInit(mesh.Mesh, mesh.Init,
            options.Placement == "jitter" ? MeshSampledMeasure.Placement.Jitter : MeshSampledMeasure.Placement.Center,
            options.Sampling == "iid" ? MeshSampledMeasure.Sampling.Iid : MeshSampledMeasure.Sampling.Stratified, seed);
        return new ParticleSolverSpec { Dt = dt, TEnd = mesh.TEnd, M = m, Init = init, Stepper = options.Stepper, Tolerance = options.Tolerance };
    }
}

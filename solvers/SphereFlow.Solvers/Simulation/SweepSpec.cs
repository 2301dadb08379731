using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Problems;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Stepping;
using SphereFlow.Solvers.Weights;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// Which seeds a parameter sweep varies (<c>sweep: {per_repetition: [keys], per_run: [keys]}</c> in a case file): in
/// repetition r = 1…R every <see cref="PerRepetition"/> seed is the case's value + r − 1 (the same at every grid point of
/// that repetition, e.g. the teacher of the paper's figure 3, shared by all widths m), and in run i = 0, 1, … of the sweep
/// (grid point-major, then repetition) every <see cref="PerRun"/> seed is the case's value + i (a fresh initialisation and
/// batch stream for every run). Seeds not listed stay as the case says. The keys are those of <see cref="SeedKeys"/>.
/// </summary>
/// <param name="PerRepetition">Seeds that change with the repetition.</param>
/// <param name="PerRun">Seeds that change with every run.</param>
public sealed record SweepSpec(IReadOnlyList<string> PerRepetition, IReadOnlyList<string> PerRun)
{
    /// <summary>The seed keys a sweep can vary.</summary>
    public static readonly string[] SeedKeys = ["problem.data.seed", "solver.seed", "solver.init.seed"];

    /// <summary>Checks the keys (known, not listed twice) and that each applies to <paramref name="spec"/>; errors name <c>per_repetition</c> or <c>per_run</c>.</summary>
    public void Validate(CaseSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var (field, keys) in new[] { ("per_repetition", PerRepetition), ("per_run", PerRun) })
            foreach (var key in keys)
            {
                if (!SeedKeys.Contains(key)) throw new SpecException(field, $"'{key}' is not a seed a sweep can vary ({string.Join(", ", SeedKeys)})");
                if (PerRepetition.Concat(PerRun).Count(k => k == key) > 1) throw new SpecException(field, $"'{key}' is listed twice");
                try { Offset(spec, key, 0); }
                catch (SpecException e) { throw new SpecException(field, $"'{key}': {e.Message}"); }
            }
    }

    /// <summary>The run of repetition <paramref name="repetition"/> (1-based) that is run number <paramref name="run"/> (0-based) of the sweep.</summary>
    public CaseSpec Apply(CaseSpec spec, int repetition, int run)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (repetition < 1 || run < 0) throw new ArgumentOutOfRangeException(nameof(repetition), "repetitions count from 1, runs from 0");
        foreach (var key in PerRepetition) spec = Offset(spec, key, repetition - 1);
        foreach (var key in PerRun) spec = Offset(spec, key, run);
        return spec;
    }

    /// <summary>The seed of <paramref name="key"/> in <paramref name="spec"/>.</summary>
    public static int Seed(CaseSpec spec, string key)
    {
        int seed = 0;
        Offset(spec, key, 0, s => seed = s);
        return seed;
    }

    /// <summary><paramref name="spec"/> with the seed of <paramref name="key"/> raised by <paramref name="offset"/>; a key the case has no seed for is a <see cref="SpecException"/>.</summary>
    public static CaseSpec Offset(CaseSpec spec, string key, int offset) => Offset(spec, key, offset, null);

    private static CaseSpec Offset(CaseSpec spec, string key, int offset, Action<int>? seen)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int Add(int seed)
        {
            seen?.Invoke(seed);
            return checked(seed + offset);
        }
        return key switch
        {
            "problem.data.seed" => spec with
            {
                Problem = spec.Problem with
                {
                    Data = spec.Problem.Data switch
                    {
                        TeacherDataSpec t => t with { Seed = Add(t.Seed) },
                        DeconvolutionDataSpec d => d with { Seed = Add(d.Seed) },
                        var other => throw new SpecException("", $"problem.data.kind: {other.Kind} has no seed"),
                    },
                },
            },
            "solver.seed" => spec with
            {
                Solver = spec.Solver switch
                {
                    SgdSolverSpec s => s with { Seed = Add(s.Seed) },
                    ParticleSolverSpec p when spec.Flow.Kind == FlowKind.BirthDeath =>
                        p with { BirthDeath = (p.BirthDeath ?? new BirthDeathSpec()) with { Seed = Add((p.BirthDeath ?? new BirthDeathSpec()).Seed) } },
                    var other => throw new SpecException("", $"solver.kind: {other.Kind} (flow {spec.Flow.KindName}) has no solver.seed"),
                },
            },
            "solver.init.seed" => spec with
            {
                Solver = spec.Solver switch
                {
                    ParticleSolverSpec p => p with { Init = InitSeed(p.Init, Add) },
                    WeightSolverSpec w => w with { Init = InitSeed(w.Init, Add) },
                    SgdSolverSpec s => s with { Init = InitSeed(s.Init, Add) },
                    MeshSolverSpec { Init: FromParticlesDensity f } mesh => mesh with { Init = f with { Particles = InitSeed(f.Particles, Add) } },
                    var other => throw new SpecException("", $"the initial measure of solver.kind: {other.Kind} has no seed"),
                },
            },
            _ => throw new SpecException("", $"'{key}' is not a seed a sweep can vary ({string.Join(", ", SeedKeys)})"),
        };
    }

    private static ParticleInitSpec InitSeed(ParticleInitSpec init, Func<int, int> add) => init switch
    {
        UniformParticleInit u => u with { Seed = add(u.Seed) },
        StratifiedParticleInit s => s with { Seed = add(s.Seed) },
        FromMeshParticleInit f => f with { Seed = add(f.Seed) },
        UnitWeightsParticleInit w => w with { Seed = add(w.Seed) },
        _ => throw new SpecException("", $"init.kind: {init.Kind} has no seed"),
    };
}

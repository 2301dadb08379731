using SphereFlow.Validation.Sharding;

namespace SphereFlow.Validation.Comparison;

/// <summary>Settings of an Eulerian-versus-Lagrangian study (<see cref="ComparisonStudy"/>).</summary>
public sealed record ComparisonOptions
{
    /// <summary>Particle counts m (each ≥ 1).</summary>
    public IReadOnlyList<int> ParticleCounts { get; init; } = [100, 1000, 10000];

    /// <summary>Independent particle samples per m (seeds 1…S).</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>Comparison times in [0, t_end], increasing; null: 0, t_end/4, t_end/2, t_end.</summary>
    public IReadOnlyList<double>? Times { get; init; }

    /// <summary>How cells are drawn for the particles: <c>iid</c> or <c>stratified</c> (systematic: one uniform offset, m equally spaced quantiles).</summary>
    public string Sampling { get; init; } = "iid";

    /// <summary>Where each particle sits in the cell it is drawn from: <c>jitter</c> (uniform in the cell) or <c>center</c>.</summary>
    public string Placement { get; init; } = "jitter";

    /// <summary>
    /// Particle stepper (a name of the particle stepper registry). Default <c>adaptive</c> (Dormand–Prince, <see cref="Tolerance"/>):
    /// a mesh case's dt is only a cap on its CFL-limited steps, and a fixed particle step that large can be far from the
    /// flow early on.
    /// </summary>
    public string Stepper { get; init; } = "adaptive";

    /// <summary>
    /// Error tolerance of the adaptive particle stepper. Default 1e-6: on the figure-2 problem (m = 1000, t = 50) it changes
    /// F by 5e-10 against 1e-8 with a third of the work, far below the m^{-1/2} sampling error being measured.
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Particle time step (the cap for <c>adaptive</c>); null: the case's <c>solver.dt</c>.</summary>
    public double? ParticleDt { get; init; }

    /// <summary>Concentration κ of the MMD kernel exp(κ (η·η′ − 1)).</summary>
    public double Kappa { get; init; } = 10;

    /// <summary>
    /// Entropic regularisation ε (radians) of the Sinkhorn divergence with geodesic cost (<see cref="SphereFlow.Diagnostics.SinkhornDivergence"/>)
    /// between the normalised measures, an extra transport metric on any S^d; null (default): not computed (it costs O(cells · m)
    /// per Sinkhorn iteration, and many iterations for small ε).
    /// </summary>
    public double? SinkhornEpsilon { get; init; }

    /// <summary><c>--set key=value</c> overrides applied to the case before the study.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The slice of the particle runs to run (<see cref="Sharding.Shard"/>; runs in m-then-seed order); every shard also runs the mesh reference.</summary>
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>
    /// Levels of the mesh reference's refinement study (≥ 3): the case's mesh and RefinementLevels − 1 coarser ones (half the
    /// resolution and twice the Δt cap each), giving observed orders and a Richardson estimate of the reference's own error.
    /// </summary>
    public int RefinementLevels { get; init; } = 3;

    /// <summary>
    /// An m is fitted only when its mean particle error is at least MeshMargin times the mesh error estimate. Default 3: the
    /// mesh error then adds at most √(1 + 1/9) − 1 ≈ 5.4% to the particle error when the two add in quadrature (independent
    /// errors), at most 33% when they add up, and changes the local log–log slope by a factor of at least 0.9 (quadrature).
    /// </summary>
    public double MeshMargin { get; init; } = 3;

    /// <summary>Birth–death particles for a birth–death mesh case: <c>deterministic</c> (weights) or <c>stochastic</c> (kill/clone); null for other flows, deterministic for birth–death.</summary>
    public string? BirthDeath { get; init; }

    /// <summary>Largest particle count (the particle case's limit of <c>solver.m</c>).</summary>
    public const int MaxParticleCount = 100_000_000;

    /// <summary>Throws <see cref="ArgumentException"/> on out-of-range settings.</summary>
    public void Validate()
    {
        if (ParticleCounts.Count == 0) throw new ArgumentException("--m: give at least one particle count");
        if (ParticleCounts.Any(m => m < 1)) throw new ArgumentException("--m: particle counts must be ≥ 1");
        if (ParticleCounts.FirstOrDefault(m => m > MaxParticleCount) is > MaxParticleCount and var big)
            throw new ArgumentException($"--m: {big} particles is more than a particle run allows ({MaxParticleCount}, the limit of solver.m)");
        if (Seeds < 1) throw new ArgumentException("--seeds must be ≥ 1");
        if (ParticleCounts.Distinct().Count() != ParticleCounts.Count) throw new ArgumentException("--m: particle counts must be distinct");
        Shard.Validate();
        if (RefinementLevels < 3) throw new ArgumentException($"--refinement {RefinementLevels}: a refinement study needs at least 3 levels (observed order and error estimate)");
        if (RefinementLevels > 6) throw new ArgumentException($"--refinement {RefinementLevels}: at most 6 levels");
        if (!(MeshMargin >= 1) || !double.IsFinite(MeshMargin)) throw new ArgumentException("--mesh-margin must be finite and ≥ 1");
        if (BirthDeath is not (null or "deterministic" or "stochastic")) throw new ArgumentException($"--birth-death: '{BirthDeath}' is not one of deterministic, stochastic");
        if (Sampling is not ("iid" or "stratified")) throw new ArgumentException($"--sampling: '{Sampling}' is not one of iid, stratified");
        if (Placement is not ("jitter" or "center")) throw new ArgumentException($"--placement: '{Placement}' is not one of jitter, center");
        if (ParticleDt is { } dt && !(dt > 0 && double.IsFinite(dt))) throw new ArgumentException("--dt must be finite and > 0");
        if (!(Kappa > 0) || !double.IsFinite(Kappa)) throw new ArgumentException("--kappa must be finite and > 0");
        if (SinkhornEpsilon is { } se && !(se > 0 && double.IsFinite(se))) throw new ArgumentException("--sinkhorn must be finite and > 0");
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance)) throw new ArgumentException("--tolerance must be finite and > 0");
        if (Times is { } t)
        {
            if (t.Count == 0) throw new ArgumentException("--times: give at least one time");
            for (int i = 0; i < t.Count; i++)
            {
                if (!(t[i] >= 0) || !double.IsFinite(t[i])) throw new ArgumentException($"--times: {t[i]} is not a finite time ≥ 0");
                if (i > 0 && !(t[i] > t[i - 1])) throw new ArgumentException("--times must increase");
            }
        }
    }
}

using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Meshes;

namespace SphereFlow.Solvers.Initialization;

/// <summary>
/// An initial particle measure as plain data (<c>solver.init</c> of particle, weight and SGD solvers): m equal masses
/// iid uniform or stratified on S^d, a CSV measure, or m particles sampled from a mesh density (so that particles and a
/// mesh start from the same ν₀). The particle count m is the solver's (<c>solver.m</c>).
/// </summary>
public abstract record ParticleInitSpec
{
    /// <summary>Case-file name of the kind (<c>init.kind</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The measure in R^<paramref name="ambientDim"/> with <paramref name="m"/> atoms (null: a CSV's own count).</summary>
    public abstract Measure Build(int ambientDim, int? m);

    /// <summary>
    /// The initial measure of a solver with <paramref name="m"/> particles (<c>solver.m</c>): errors of this specification
    /// keyed under <c>init</c> (relative to the solver), a missing or mismatched count under <c>m</c>.
    /// </summary>
    public Measure BuildFor(int? m, int ambientDim)
    {
        try { return Build(ambientDim, m); }
        catch (SpecException e) when (e.Key == "m") { throw; }
        catch (SpecException e) { throw e.Under("init"); }
        catch (ArgumentException e) { throw new SpecException("init", e.Message); }
    }

    /// <summary>The particle count, required for every kind but a CSV.</summary>
    protected static int Count(int? m) => m ?? throw new SpecException("m", "missing (required)");
}

/// <summary>m iid uniform points on S^d, masses <see cref="Mass"/>/m (<c>init: {kind: uniform, mass, seed}</c>).</summary>
/// <param name="Mass">Total mass.</param>
/// <param name="Seed">Seed of the points.</param>
public sealed record UniformParticleInit(double Mass = 1, int Seed = 1) : ParticleInitSpec
{
    /// <inheritdoc/>
    public override string Kind => "uniform";

    /// <inheritdoc/>
    public override Measure Build(int ambientDim, int? m) => ParticleInitialMeasures.Uniform(ambientDim, Count(m), Mass, Seed);
}

/// <summary>m stratified (quasi-uniform) points on S^d, masses <see cref="Mass"/>/m (<c>init: {kind: stratified, mass, seed}</c>).</summary>
/// <param name="Mass">Total mass.</param>
/// <param name="Seed">Seed of the offset or scrambling.</param>
public sealed record StratifiedParticleInit(double Mass = 1, int Seed = 1) : ParticleInitSpec
{
    /// <inheritdoc/>
    public override string Kind => "stratified";

    /// <inheritdoc/>
    public override Measure Build(int ambientDim, int? m) => ParticleInitialMeasures.Stratified(ambientDim, Count(m), Mass, Seed);
}

/// <summary>A measure read from a CSV <c>mass,eta0,…</c> (<c>init: {kind: csv, path}</c>); m, when given, must match its rows.</summary>
/// <param name="Path">The CSV file.</param>
public sealed record CsvParticleInit(string Path) : ParticleInitSpec
{
    /// <inheritdoc/>
    public override string Kind => "csv";

    /// <inheritdoc/>
    public override Measure Build(int ambientDim, int? m)
    {
        var nu = MeasureCsv.Read(Path, ambientDim);
        if (m is { } count && count != nu.Count) throw new SpecException("m", $"does not match the {nu.Count} atoms of the initial-measure CSV");
        return nu;
    }
}

/// <summary>
/// m particles sampled from a mesh density (<c>init: {kind: from-mesh, mesh, density, placement, sampling, seed}</c>;
/// <see cref="MeshSampledMeasure"/>).
/// </summary>
/// <param name="Mesh">The mesh.</param>
/// <param name="Density">Its cell masses (the same kinds as the mesh solver's <c>init</c>).</param>
/// <param name="Placement">Particle position in its cell.</param>
/// <param name="Sampling">How cells are drawn.</param>
/// <param name="Seed">Seed of the draws.</param>
public sealed record FromMeshParticleInit(MeshSpec Mesh, MeshDensitySpec Density,
                                          MeshSampledMeasure.Placement Placement = MeshSampledMeasure.Placement.Jitter,
                                          MeshSampledMeasure.Sampling Sampling = MeshSampledMeasure.Sampling.Iid, int Seed = 1) : ParticleInitSpec
{
    /// <inheritdoc/>
    public override string Kind => "from-mesh";

    /// <summary>Case-file names of the placements.</summary>
    public static readonly string[] Placements = ["jitter", "center"];

    /// <summary>Case-file names of the samplings.</summary>
    public static readonly string[] Samplings = ["iid", "stratified"];

    /// <inheritdoc/>
    public override Measure Build(int ambientDim, int? m)
    {
        int count = Count(m);
        var mesh = SpecException.Within("mesh", () => Mesh.Build(ambientDim - 1));
        var cellMass = SpecException.Within("density", () => Density.Build(mesh));
        return MeshSampledMeasure.Sample(mesh, cellMass, count, Placement, Sampling, Seed);
    }
}

using SphereFlow.IO;
using SphereFlow.Meshes;

namespace SphereFlow.Solvers.Initialization;

/// <summary>
/// Initial cell masses as plain data (<c>solver.init</c> of the mesh solver, <c>init.density</c> of from-mesh particles):
/// uniform, von Mises bumps, a CSV of cell masses, or the binning of a particle measure.
/// </summary>
public abstract record MeshDensitySpec
{
    /// <summary>Case-file name of the kind (<c>init.kind</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>The cell masses on <paramref name="mesh"/>.</summary>
    public abstract double[] Build(SphereMesh mesh);
}

/// <summary>Uniform density of total mass <see cref="Mass"/> (<c>{kind: uniform, mass}</c>).</summary>
/// <param name="Mass">Total mass.</param>
public sealed record UniformDensity(double Mass = 1) : MeshDensitySpec
{
    /// <inheritdoc/>
    public override string Kind => "uniform";

    /// <inheritdoc/>
    public override double[] Build(SphereMesh mesh) => MeshInitialDensities.Uniform(mesh, Mass);
}

/// <summary>A mixture of von Mises bumps (<c>{kind: vonmises, centers, weights, kappa}</c>; weights default to 1/count each).</summary>
/// <param name="Centers">Bump centres (unit vectors; normalised).</param>
/// <param name="Kappa">Concentration κ ≥ 0.</param>
/// <param name="Weights">Bump masses (null: 1/count each).</param>
public sealed record VonMisesDensity(IReadOnlyList<double[]> Centers, double Kappa = 10, double[]? Weights = null) : MeshDensitySpec
{
    /// <inheritdoc/>
    public override string Kind => "vonmises";

    /// <inheritdoc/>
    public override double[] Build(SphereMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var weights = Weights ?? Enumerable.Repeat(1.0 / Centers.Count, Centers.Count).ToArray();
        if (weights.Length != Centers.Count) throw new SpecException("weights", $"{weights.Length} weights for {Centers.Count} centres");
        if (Centers.Any(r => r.Length != mesh.AmbientDim)) throw new SpecException("centers", $"each centre needs {mesh.AmbientDim} coordinates");
        return MeshInitialDensities.VonMises(mesh, Centers.SelectMany(r => r).ToArray(), Kappa, weights);
    }
}

/// <summary>Cell masses read from a <c>cell,mass</c> CSV (<c>{kind: csv, path}</c>).</summary>
/// <param name="Path">The CSV file.</param>
public sealed record CsvDensity(string Path) : MeshDensitySpec
{
    /// <inheritdoc/>
    public override string Kind => "csv";

    /// <inheritdoc/>
    public override double[] Build(SphereMesh mesh) => MeshInitialDensities.FromCsv(mesh, Path);
}

/// <summary>
/// The binning of a particle measure (<c>{kind: from-particles, path}</c> or <c>{kind: from-particles, m, mass, seed,
/// sampling: uniform | stratified}</c>).
/// </summary>
/// <param name="Particles">The particle measure: a CSV, or uniform / stratified points.</param>
/// <param name="M">Particle count (not used with a CSV).</param>
public sealed record FromParticlesDensity(ParticleInitSpec Particles, int? M = null) : MeshDensitySpec
{
    /// <inheritdoc/>
    public override string Kind => "from-particles";

    /// <inheritdoc/>
    public override double[] Build(SphereMesh mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        return MeshInitialDensities.FromParticles(mesh, Particles.Build(mesh.AmbientDim, M));
    }
}

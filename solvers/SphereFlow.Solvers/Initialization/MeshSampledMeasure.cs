using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Numerics;

namespace SphereFlow.Solvers.Initialization;

/// <summary>
/// Particles sampled from a mesh density, so that particles and mesh start from the same ν₀: cells K are drawn with
/// probability M_K / Σ M by inverse CDF on the cumulative masses, iid (<see cref="Sampling.Iid"/>) or stratified
/// (<see cref="Sampling.Stratified"/>: systematic sampling, u_j = (U + j)/m for one uniform U, so cell K receives
/// ⌊m p_K⌋ or ⌈m p_K⌉ particles); every particle gets mass Σ M / m.
/// Placement: <see cref="Placement.Center"/> puts the particle exactly at the cell centre η_K (then the particle
/// measure is an unbiased m-sample of the mesh measure itself); <see cref="Placement.Jitter"/> moves it by the
/// exponential map of a tangent vector uniform in the ball of radius max_σ d_σ around η_K and rejects until the point
/// lies in cell K again (<see cref="SphereMesh.Locate"/>): uniform within the cell up to the O(h²) metric distortion of the
/// exponential map, i.e. a sample of the piecewise-constant density ρ_K = M_K/|K|.
/// </summary>
public static class MeshSampledMeasure
{
    /// <summary>Where a particle is placed inside its cell.</summary>
    public enum Placement
    {
        /// <summary>Exactly at the cell centre.</summary>
        Center,
        /// <summary>Uniformly inside the cell (rejection sampling through point location).</summary>
        Jitter,
    }

    /// <summary>How the cells are drawn.</summary>
    public enum Sampling
    {
        /// <summary>Independent draws.</summary>
        Iid,
        /// <summary>Systematic (stratified) draws: one uniform offset, m equally spaced quantiles.</summary>
        Stratified,
    }

    /// <summary>Samples m particles from cell masses on a mesh (cells drawn iid).</summary>
    public static Measure Sample(SphereMesh mesh, ReadOnlySpan<double> cellMass, int m, Placement placement, long seed) =>
        Sample(mesh, cellMass, m, placement, Sampling.Iid, seed);

    /// <summary>Samples m particles from cell masses on a mesh.</summary>
    public static Measure Sample(SphereMesh mesh, ReadOnlySpan<double> cellMass, int m, Placement placement, Sampling sampling, long seed)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (cellMass.Length != mesh.CellCount) throw new ArgumentException($"{cellMass.Length} cell masses for a mesh of {mesh.CellCount} cells");
        if (m < 1) throw new ArgumentException("the number of particles m must be ≥ 1");
        var cdf = new double[mesh.CellCount];
        double total = 0;
        for (int k = 0; k < cdf.Length; k++)
        {
            if (!(cellMass[k] >= 0) || !double.IsFinite(cellMass[k])) throw new ArgumentException($"cell {k}: mass must be finite and ≥ 0");
            total += cellMass[k];
            cdf[k] = total;
        }
        if (!(total > 0)) throw new ArgumentException("the mesh density has zero total mass");
        var rng = new Xoshiro256(seed);
        int dim = mesh.AmbientDim;
        var nu = new Measure(dim, m);
        Array.Fill(nu.Mass, total / m);
        var v = new double[dim];
        double offset = sampling == Sampling.Stratified ? rng.NextDouble() : 0;   // iid draws keep the stream of earlier versions
        for (int j = 0; j < m; j++)
        {
            double u = (sampling == Sampling.Iid ? rng.NextDouble() : Math.Min((offset + j) / m, 1 - 1e-16)) * total;
            int cell = Array.BinarySearch(cdf, u);
            cell = cell >= 0 ? cell + 1 : ~cell;
            while (cell >= cdf.Length || cellMass[cell] == 0) cell = cell >= cdf.Length ? cdf.Length - 1 : cell + 1;   // skip empty cells at ties
            while (cellMass[cell] == 0) cell--;
            var eta = nu.Point(j);
            mesh.Center(cell).CopyTo(eta);
            if (placement == Placement.Jitter) Jitter(mesh, cell, eta, v, rng);
        }
        return nu;
    }

    private static void Jitter(SphereMesh mesh, int cell, Span<double> eta, double[] v, Random rng)
    {
        double radius = 0;
        for (int e = mesh.FaceStart[cell]; e < mesh.FaceStart[cell + 1]; e++) radius = Math.Max(radius, mesh.CenterDistances[e]);
        if (radius == 0) return;
        var center = mesh.Center(cell);
        int tangentDim = mesh.AmbientDim - 1;
        for (int attempt = 0; attempt < 1000; attempt++)
        {
            // Uniform in the tangent ball: Gaussian direction, radius ∝ U^{1/d}.
            double n2;
            do
            {
                for (int c = 0; c < v.Length; c++) v[c] = Sphere.Gaussian(rng);
                Sphere.ProjectTangent(center, v);
                n2 = Sphere.Norm(v);
            } while (n2 < 1e-12);
            double r = radius * Math.Pow(rng.NextDouble(), 1.0 / tangentDim) / n2;
            for (int c = 0; c < v.Length; c++) v[c] *= r;
            center.CopyTo(eta);
            Sphere.ExpMap(eta, v);
            if (mesh.Locate(eta) == cell) return;
        }
        center.CopyTo(eta);   // pathological cell shape: fall back to the centre
    }
}

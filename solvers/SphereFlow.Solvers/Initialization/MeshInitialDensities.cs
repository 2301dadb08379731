using SphereFlow.Geometry;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Meshes;

namespace SphereFlow.Solvers.Initialization;

/// <summary>
/// Initial cell masses M_K for the finite-volume solver: uniform, von Mises bumps, a density function, a CSV of
/// cell masses, or the binning of a particle measure (so both solvers can start from the same ν₀).
/// </summary>
public static class MeshInitialDensities
{
    /// <summary>Uniform density: M_K = total · |K| / Σ|K|.</summary>
    public static double[] Uniform(SphereMesh mesh, double totalMass)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        CheckMass(totalMass);
        double area = mesh.TotalMeasure;
        var m = new double[mesh.CellCount];
        for (int k = 0; k < m.Length; k++) m[k] = totalMass * mesh.CellMeasures[k] / area;
        return m;
    }

    /// <summary>
    /// A mixture of von Mises bumps: bump i has centre c_i (unit vectors, row-major), concentration κ ≥ 0 and mass w_i;
    /// M_K = Σ_i w_i exp(κ(η_K·c_i − 1)) |K| / Z_i with the discrete normaliser Z_i = Σ_L exp(κ(η_L·c_i − 1)) |L|,
    /// so the total mass is Σ_i w_i to round-off.
    /// </summary>
    public static double[] VonMises(SphereMesh mesh, ReadOnlySpan<double> centres, double kappa, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        int dim = mesh.AmbientDim;
        if (centres.Length != weights.Length * dim) throw new ArgumentException($"{weights.Length} weights need {weights.Length} centres of dimension {dim}");
        if (!(kappa >= 0) || !double.IsFinite(kappa)) throw new ArgumentException("kappa must be finite and ≥ 0");
        var m = new double[mesh.CellCount];
        var bump = new double[mesh.CellCount];
        Span<double> c = stackalloc double[dim];
        for (int i = 0; i < weights.Length; i++)
        {
            CheckMass(weights[i], allowZero: true);
            centres.Slice(i * dim, dim).CopyTo(c);
            double n = Sphere.Norm(c);
            if (!(n > 0) || !double.IsFinite(n)) throw new ArgumentException($"bump {i}: centre must be a nonzero finite vector");
            for (int q = 0; q < dim; q++) c[q] /= n;
            double z = 0;
            for (int k = 0; k < m.Length; k++)
            {
                bump[k] = Math.Exp(kappa * (Sphere.Dot(mesh.Center(k), c) - 1)) * mesh.CellMeasures[k];
                z += bump[k];
            }
            for (int k = 0; k < m.Length; k++) m[k] += weights[i] * bump[k] / z;
        }
        return m;
    }

    /// <summary>A density function ρ(η) ≥ 0 sampled at the centres (midpoint rule): M_K = ρ(η_K) |K|.</summary>
    public static double[] FromDensity(SphereMesh mesh, Func<ReadOnlySpan<double>, double> density)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(density);
        var m = new double[mesh.CellCount];
        for (int k = 0; k < m.Length; k++)
        {
            double rho = density(mesh.Center(k));
            if (!double.IsFinite(rho) || rho < 0) throw new ArgumentException($"density at the centre of cell {k} must be finite and ≥ 0 (got {rho})");
            m[k] = rho * mesh.CellMeasures[k];
        }
        return m;
    }

    /// <summary>Bins a particle measure: each atom's mass goes to the cell <see cref="SphereMesh.Locate"/> returns.</summary>
    public static double[] FromParticles(SphereMesh mesh, Measure particles)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(particles);
        if (particles.AmbientDim != mesh.AmbientDim) throw new ArgumentException($"particles live in R^{particles.AmbientDim}, the mesh in R^{mesh.AmbientDim}");
        var m = new double[mesh.CellCount];
        for (int j = 0; j < particles.Count; j++)
        {
            CheckMass(particles.Mass[j], allowZero: true);
            m[mesh.Locate(particles.Point(j))] += particles.Mass[j];
        }
        return m;
    }

    /// <summary>The CSV header of cell masses.</summary>
    public static readonly string[] CsvHeader = ["cell", "mass"];

    /// <summary>
    /// Reads cell masses from a CSV with header <c>cell,mass</c>: every cell index 0..N−1 exactly once, masses finite
    /// and ≥ 0; or from a mesh run's final.csv (<c>mass,eta0,…,cell,density</c>) of the same mesh (its centres must match).
    /// Errors (<see cref="InputException"/>) name the file and line.
    /// </summary>
    public static double[] FromCsv(SphereMesh mesh, string path)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        var t = NumericCsv.Read(path);
        if (t.Header.Length > 0 && t.Header[0] == "mass") return FromFinalCsv(mesh, path);
        if (!t.Header.SequenceEqual(CsvHeader)) throw new InputException($"{path}: header must be 'cell,mass' (got '{string.Join(',', t.Header)}')");
        if (t.Rows.Length != mesh.CellCount) throw new InputException($"{path}: {t.Rows.Length} rows for a mesh of {mesh.CellCount} cells");
        var m = new double[mesh.CellCount];
        var seen = new bool[mesh.CellCount];
        for (int r = 0; r < t.Rows.Length; r++)
        {
            double c = t.Rows[r][0], v = t.Rows[r][1];
            if (c != Math.Floor(c) || c < 0 || c >= mesh.CellCount) throw new InputException($"{path}: line {r + 2}: cell index {c} is not an integer in [0, {mesh.CellCount - 1}]");
            int k = (int)c;
            if (seen[k]) throw new InputException($"{path}: line {r + 2}: cell {k} appears twice");
            if (v < 0) throw new InputException($"{path}: line {r + 2}: negative mass {v}");
            seen[k] = true;
            m[k] = v;
        }
        return m;
    }

    /// <summary>Cell masses from a mesh run's final.csv on the same mesh: the centres are checked to 1e-9.</summary>
    private static double[] FromFinalCsv(SphereMesh mesh, string path)
    {
        var nu = MeasureCsv.Read(path, mesh.AmbientDim);
        if (nu.Count != mesh.CellCount) throw new InputException($"{path}: {nu.Count} atoms for a mesh of {mesh.CellCount} cells");
        for (int k = 0; k < nu.Count; k++)
            if (Sphere.Distance(nu.Point(k), mesh.Center(k)) > 1e-9)
                throw new InputException($"{path}: line {k + 2}: not the centre of cell {k} of this mesh (a final.csv of another mesh?)");
        return nu.Mass;
    }

    /// <summary>Writes cell masses as a <c>cell,mass</c> CSV (atomically).</summary>
    public static void WriteCsv(string path, ReadOnlySpan<double> masses)
    {
        var rows = new List<IReadOnlyList<double>>(masses.Length);
        for (int k = 0; k < masses.Length; k++) rows.Add([k, masses[k]]);
        NumericCsv.Write(path, CsvHeader, rows);
    }

    private static void CheckMass(double m, bool allowZero = false)
    {
        if (!double.IsFinite(m) || m < 0 || (!allowZero && m == 0)) throw new ArgumentException($"mass must be finite and {(allowZero ? "≥" : ">")} 0 (got {m})");
    }
}

using SphereFlow.Geometry;
using SphereFlow.Meshes;
using SphereFlow.Numerics;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// The finite-volume transport operator of β div_s(ρ ∇_s J) on a <see cref="SphereMesh"/>: two-point upwind fluxes
/// across each face σ = K|L with velocity u_σ = β (J_K − J_L)/d_σ (from high J to low J) and
/// F_σ = |σ| u_σ ρ_σ, where ρ_σ is the upwind density (first order) or a limited MUSCL face value reconstructed
/// on the upwind side along the centre segment (second order option).
/// <para>
/// Conservation is exact by construction: a first pass computes, for every face entry K→L, the outflow
/// O_{K→L} = |σ| u⁺ ρ_σ ≥ 0 leaving K (a function of K's data only), and a second pass sets
/// dM_K/dt = Σ_σ (O_{L→K} − O_{K→L}), so every flux is subtracted from one cell and added to the other with the
/// same bits. Both passes are parallel over cells and each cell sums its own face entries in CSR order (no
/// atomics), so results are bit-for-bit independent of the thread count. The hot loops do not allocate.
/// </para>
/// </summary>
public sealed class UpwindTransport
{
    private const int CellsPerChunk = 2048;
    private readonly SphereMesh _mesh;
    private readonly double[] _outflow;          // per face entry: O_{K→L} ≥ 0
    private readonly double[] _logMap;           // per face entry: log_{η_K}(η_L) ∈ T_K (dim values)
    private readonly double[] _gradWeights;      // per face entry: least-squares gradient weights (dim values)
    private readonly double[] _chunkMax;
    private readonly Action<int, int, int> _outflowPass, _balancePass, _ratePass;
    private double[] _mass = [], _j = [], _dmdt = [];

    /// <summary>Builds the operator (precomputes the reconstruction geometry when a limiter is used).</summary>
    public UpwindTransport(SphereMesh mesh, double beta, SlopeLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentException("beta must be finite and > 0");
        _mesh = mesh; Beta = beta; Limiter = limiter;
        _outflow = new double[mesh.FaceEntryCount];
        _chunkMax = new double[ParallelRanges.ChunkCount(mesh.CellCount, CellsPerChunk)];
        if (limiter != SlopeLimiter.None)
        {
            _logMap = new double[mesh.FaceEntryCount * mesh.AmbientDim];
            _gradWeights = new double[mesh.FaceEntryCount * mesh.AmbientDim];
            BuildReconstructionGeometry();
        }
        else { _logMap = []; _gradWeights = []; }
        _outflowPass = OutflowPass;
        _balancePass = BalancePass;
        _ratePass = RatePass;
    }

    /// <summary>Transport rate β.</summary>
    public double Beta { get; }

    /// <summary>The face reconstruction (<see cref="SlopeLimiter.None"/> = first-order upwind).</summary>
    public SlopeLimiter Limiter { get; }

    /// <summary>
    /// Fraction of the first-order CFL bound under which a forward-Euler transport step keeps masses nonnegative:
    /// 1 for first order; 1/2 with reconstruction (face values are capped at 2ρ_K).
    /// </summary>
    public double PositivityFraction => Limiter == SlopeLimiter.None ? 1.0 : 0.5;

    /// <summary>The mesh.</summary>
    public SphereMesh Mesh => _mesh;

    /// <summary>max_K Σ_σ |σ| u_σ⁺ / |K| for the field J at the cell centres (the inverse of the first-order CFL time).</summary>
    public double MaxOutflowRate(double[] j)
    {
        ArgumentNullException.ThrowIfNull(j);
        _j = j;
        ParallelRanges.For(_mesh.CellCount, CellsPerChunk, _ratePass);
        _j = [];
        double m = 0;
        foreach (var v in _chunkMax) m = Math.Max(m, v);
        return m;
    }

    /// <summary>Outflow rate Σ_σ |σ| u_σ⁺ / |K| of one cell.</summary>
    public double OutflowRate(int k, ReadOnlySpan<double> j)
    {
        var fs = _mesh.FaceStart; var nb = _mesh.Neighbors; var fm = _mesh.FaceMeasures; var dist = _mesh.CenterDistances;
        double jk = j[k], acc = 0;
        for (int e = fs[k]; e < fs[k + 1]; e++)
        {
            double u = Beta * (jk - j[nb[e]]) / dist[e];
            if (u > 0) acc += fm[e] * u;
        }
        return acc / _mesh.CellMeasures[k];
    }

    private void RatePass(int chunk, int k0, int k1)
    {
        double m = 0;
        for (int k = k0; k < k1; k++) m = Math.Max(m, OutflowRate(k, _j));
        _chunkMax[chunk] = m;
    }

    /// <summary>dM_K/dt of the transport for masses M and the field J at the centres (exactly conservative: see the class remarks).</summary>
    public void Rate(double[] mass, double[] j, double[] dmdt)
    {
        ArgumentNullException.ThrowIfNull(mass);
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(dmdt);
        int n = _mesh.CellCount;
        if (mass.Length != n || j.Length != n || dmdt.Length != n) throw new ArgumentException("array lengths must equal the cell count");
        _mass = mass; _j = j; _dmdt = dmdt;
        try
        {
            ParallelRanges.For(n, CellsPerChunk, _outflowPass);
            ParallelRanges.For(n, CellsPerChunk, _balancePass);
        }
        finally { _mass = []; _j = []; _dmdt = []; }
    }

    private void OutflowPass(int chunk, int k0, int k1)
    {
        var fs = _mesh.FaceStart; var nb = _mesh.Neighbors; var fm = _mesh.FaceMeasures; var dist = _mesh.CenterDistances;
        var vol = _mesh.CellMeasures; var mass = _mass; var j = _j;
        int dim = _mesh.AmbientDim;
        Span<double> grad = stackalloc double[dim];
        for (int k = k0; k < k1; k++)
        {
            double rhoK = mass[k] / vol[k], jk = j[k];
            bool gradReady = false;
            for (int e = fs[k]; e < fs[k + 1]; e++)
            {
                int l = nb[e];
                double u = Beta * (jk - j[l]) / dist[e];
                if (!(u > 0)) { _outflow[e] = 0; continue; }
                double rhoF = rhoK;
                if (Limiter != SlopeLimiter.None && rhoK > 0)
                {
                    if (!gradReady) { Gradient(k, rhoK, grad); gradReady = true; }
                    double dc = mass[l] / vol[l] - rhoK;
                    double along = 0;
                    var s = new ReadOnlySpan<double>(_logMap, e * dim, dim);
                    for (int c = 0; c < dim; c++) along += grad[c] * s[c];
                    double du = 2 * along - dc;
                    // The limiter keeps ρ_K + δ/2 between ρ_L and 2ρ_K in exact arithmetic; rounding can still give −1e-38 next to
                    // an empty cell, which would feed it a negative mass no step halving can remove: clamp at 0.
                    rhoF = Math.Clamp(rhoK + 0.5 * SlopeLimiters.Slope(Limiter, du, dc), 0, 2 * rhoK);
                }
                _outflow[e] = fm[e] * u * rhoF;
            }
        }
    }

    /// <summary>Least-squares tangential gradient of ρ at cell K from its neighbours' densities.</summary>
    private void Gradient(int k, double rhoK, Span<double> grad)
    {
        var fs = _mesh.FaceStart; var nb = _mesh.Neighbors; var vol = _mesh.CellMeasures; var mass = _mass;
        int dim = _mesh.AmbientDim;
        grad.Clear();
        for (int e = fs[k]; e < fs[k + 1]; e++)
        {
            int l = nb[e];
            double d = mass[l] / vol[l] - rhoK;
            var w = new ReadOnlySpan<double>(_gradWeights, e * dim, dim);
            for (int c = 0; c < dim; c++) grad[c] += w[c] * d;
        }
    }

    private void BalancePass(int chunk, int k0, int k1)
    {
        var fs = _mesh.FaceStart; var opp = _mesh.Opposite;
        for (int k = k0; k < k1; k++)
        {
            double acc = 0;
            for (int e = fs[k]; e < fs[k + 1]; e++) acc += _outflow[opp[e]] - _outflow[e];
            _dmdt[k] = acc;
        }
    }

    /// <summary>
    /// Precomputes, per face entry K→L, the log map s = log_{η_K}(η_L) (tangent at η_K, length d_σ) and the
    /// least-squares gradient weights w = A⁻¹ s with A = Σ_σ s sᵀ + η_K η_Kᵀ · mean|s|² (the normal term makes A
    /// invertible and leaves tangent solutions tangent), so that ∇ρ_K ≈ Σ_σ w_σ (ρ_L − ρ_K).
    /// </summary>
    private void BuildReconstructionGeometry()
    {
        int dim = _mesh.AmbientDim;
        var a = new double[dim * dim];
        var col = new double[dim];
        for (int k = 0; k < _mesh.CellCount; k++)
        {
            var ek = _mesh.Center(k);
            Array.Clear(a);
            double meanS2 = 0;
            int faces = _mesh.FaceStart[k + 1] - _mesh.FaceStart[k];
            for (int e = _mesh.FaceStart[k]; e < _mesh.FaceStart[k + 1]; e++)
            {
                var el = _mesh.Center(_mesh.Neighbors[e]);
                var s = _logMap.AsSpan(e * dim, dim);
                double cos = Sphere.Dot(ek, el);
                for (int c = 0; c < dim; c++) s[c] = el[c] - cos * ek[c];
                double sn = Sphere.Norm(s), theta = Sphere.Distance(ek, el);
                for (int c = 0; c < dim; c++) s[c] = sn > 0 ? s[c] * theta / sn : 0;
                for (int r = 0; r < dim; r++)
                    for (int c = 0; c < dim; c++) a[r * dim + c] += s[r] * s[c];
                meanS2 += theta * theta;
            }
            meanS2 = faces > 0 ? meanS2 / faces : 1;
            for (int r = 0; r < dim; r++)
                for (int c = 0; c < dim; c++) a[r * dim + c] += meanS2 * ek[r] * ek[c];
            var chol = (double[])a.Clone();
            CholeskyFactor(chol, dim);
            for (int e = _mesh.FaceStart[k]; e < _mesh.FaceStart[k + 1]; e++)
            {
                _logMap.AsSpan(e * dim, dim).CopyTo(col);
                CholeskySolve(chol, dim, col);
                col.CopyTo(_gradWeights, e * dim);
            }
        }
    }

    private static void CholeskyFactor(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int p = 0; p < j; p++) d -= a[j * n + p] * a[j * n + p];
            if (!(d > 0)) throw new ArgumentException("degenerate cell neighbourhood: cannot reconstruct a gradient");
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int p = 0; p < j; p++) s -= a[i * n + p] * a[j * n + p];
                a[i * n + j] = s / d;
            }
        }
    }

    private static void CholeskySolve(double[] l, int n, double[] b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int p = 0; p < i; p++) s -= l[i * n + p] * b[p];
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int p = i + 1; p < n; p++) s -= l[p * n + i] * b[p];
            b[i] = s / l[i * n + i];
        }
    }
}

using SphereFlow.Geometry;

namespace SphereFlow.Data;

/// <summary>
/// A teacher network y(x) = Σ_{j&lt;m0} a_j max(0, b_j·x) with a_j ∈ {±1} and b_j unit vectors of R^k
/// (the paper's section 4.4 data model).
/// </summary>
public sealed class TeacherNetwork
{
    /// <summary>Creates a teacher from output weights and row-major unit input weights (m0 × k).</summary>
    public TeacherNetwork(double[] a, double[] b, int inputDim)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Length != a.Length * inputDim) throw new ArgumentException("teacher weights disagree in size");
        A = a; B = b; InputDim = inputDim;
    }

    /// <summary>Output weights a_j.</summary>
    public double[] A { get; }
    /// <summary>Input weights b_j (row-major, m0 × k).</summary>
    public double[] B { get; }
    /// <summary>Input dimension k.</summary>
    public int InputDim { get; }
    /// <summary>Number of neurons m0.</summary>
    public int Width => A.Length;

    /// <summary>
    /// A random teacher: directions iid uniform on S^{k−1}; output signs alternate +1, −1, … (balanced), or with
    /// <paramref name="randomSigns"/> are iid ±1 with probability ½ each (the paper's notebook), drawn from a stream of their
    /// own so that the directions are those of the alternating teacher of the same seed.
    /// </summary>
    public static TeacherNetwork Random(int inputDim, int width, int seed, bool randomSigns = false)
    {
        var rng = new Random(seed);
        var signs = randomSigns ? new Random(unchecked(seed * 31 + 977)) : null;
        var a = new double[width];
        var b = new double[width * inputDim];
        for (int j = 0; j < width; j++)
        {
            a[j] = signs is null ? (j % 2 == 0 ? 1.0 : -1.0) : signs.NextDouble() < 0.5 ? 1.0 : -1.0;
            Sphere.SampleUniform(rng, b.AsSpan(j * inputDim, inputDim));
        }
        return new TeacherNetwork(a, b, inputDim);
    }

    /// <summary>y(x) for one input.</summary>
    public double Output(ReadOnlySpan<double> x)
    {
        double y = 0;
        for (int j = 0; j < Width; j++)
        {
            double s = 0;
            for (int c = 0; c < InputDim; c++) s += B[j * InputDim + c] * x[c];
            y += A[j] * Math.Max(0, s);
        }
        return y;
    }

    /// <summary>The teacher as a measure on S^k for the relu map: atom j at (a_j, b_j)/√2 with mass 2 (Ψ(η) = a max(0, b·x) is 2-homogeneous).</summary>
    public (double[] Mass, double[] Points) AsMeasure()
    {
        int dim = InputDim + 1;
        var mass = new double[Width];
        var pts = new double[Width * dim];
        for (int j = 0; j < Width; j++)
        {
            double nb = 0;
            for (int c = 0; c < InputDim; c++) nb += B[j * InputDim + c] * B[j * InputDim + c];
            double r2 = A[j] * A[j] + nb;          // |w|² for w = (a, b)
            double r = Math.Sqrt(r2);
            mass[j] = r2;
            pts[j * dim] = A[j] / r;
            for (int c = 0; c < InputDim; c++) pts[j * dim + 1 + c] = B[j * InputDim + c] / r;
        }
        return (mass, pts);
    }

    /// <summary>
    /// Gaussian population N(0, I_2) by angular quadrature (k = 2 only): x_i = (cos θ_i, sin θ_i) on n equally
    /// spaced angles with weight ω_i = k/n = 2/n; exact for losses 2-homogeneous in x up to the quadrature error of the
    /// periodic trapezoid rule.
    /// </summary>
    public WeightedData AngularQuadrature(int n)
    {
        if (InputDim != 2) throw new ArgumentException("angular quadrature of the Gaussian population is for k = 2 (use montecarlo or the closed-form population otherwise)");
        if (n < 3) throw new ArgumentException("angular quadrature needs n ≥ 3 points");
        var rows = new double[2 * n];
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            double th = 2 * Math.PI * (i + 0.5) / n;
            rows[2 * i] = Math.Cos(th); rows[2 * i + 1] = Math.Sin(th);
            y[i] = Output(rows.AsSpan(2 * i, 2));
            w[i] = 2.0 / n;
        }
        return WeightedData.FromRows(2, rows, y, w);
    }

    /// <summary>A fixed Monte Carlo sample x_i ~ N(0, I_k), ω_i = 1/n.</summary>
    public WeightedData MonteCarlo(int n, int seed)
    {
        var rng = new Random(seed);
        var rows = new double[InputDim * n];
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            var x = rows.AsSpan(i * InputDim, InputDim);
            for (int c = 0; c < InputDim; c++) x[c] = Sphere.Gaussian(rng);
            y[i] = Output(x);
            w[i] = 1.0 / n;
        }
        return WeightedData.FromRows(InputDim, rows, y, w);
    }
}

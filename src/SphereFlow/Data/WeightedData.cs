namespace SphereFlow.Data;

/// <summary>
/// A finite list of weighted points (x_i, y_i, ω_i), i = 0..n−1, x_i ∈ R^k: an empirical sample (ω_i = 1/n)
/// or a quadrature of a population. Inputs are stored coordinate-major (<c>X[c·n + i]</c>) so that feature
/// maps vectorise over data points.
/// </summary>
public sealed class WeightedData
{
    /// <summary>Number of points n.</summary>
    public int Count { get; }

    /// <summary>Input dimension k.</summary>
    public int InputDim { get; }

    /// <summary>Inputs, coordinate-major: <c>X[c·Count + i]</c> is coordinate c of x_i.</summary>
    public double[] X { get; }

    /// <summary>Targets y_i.</summary>
    public double[] Y { get; }

    /// <summary>Weights ω_i ≥ 0.</summary>
    public double[] Weights { get; }

    /// <summary>Builds a data set from coordinate-major inputs; validates sizes and values.</summary>
    public WeightedData(int inputDim, double[] x, double[] y, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(weights);
        if (inputDim < 1) throw new ArgumentException("input dimension must be at least 1");
        Count = y.Length;
        if (Count < 1) throw new ArgumentException("data set is empty");
        if (weights.Length != Count || x.Length != inputDim * Count)
            throw new ArgumentException($"data arrays disagree: {x.Length} input values for k = {inputDim}, {y.Length} targets, {weights.Length} weights");
        for (int i = 0; i < Count; i++)
        {
            if (!double.IsFinite(y[i])) throw new ArgumentException($"data row {i}: target is not finite");
            if (!double.IsFinite(weights[i]) || weights[i] < 0) throw new ArgumentException($"data row {i}: weight must be finite and ≥ 0 (got {weights[i]})");
        }
        for (int j = 0; j < x.Length; j++)
            if (!double.IsFinite(x[j])) throw new ArgumentException($"data row {j % Count}: input x{j / Count} is not finite");
        InputDim = inputDim;
        X = x; Y = y; Weights = weights;
    }

    /// <summary>Builds a data set from row-major inputs (x_i contiguous).</summary>
    public static WeightedData FromRows(int inputDim, ReadOnlySpan<double> rowMajor, double[] y, double[] weights)
    {
        int n = y.Length;
        var x = new double[inputDim * n];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < inputDim; c++) x[c * n + i] = rowMajor[i * inputDim + c];
        return new WeightedData(inputDim, x, y, weights);
    }

    /// <summary>The view of all points, for feature-map kernels.</summary>
    public DataView View => new(X, Count, 0, Count);

    /// <summary>Coordinate c of point i.</summary>
    public double this[int i, int c] => X[c * Count + i];

    /// <summary>A copy of the data with other targets (same inputs and weights).</summary>
    public WeightedData WithTargets(double[] y) => new(InputDim, X, y, Weights);
}

/// <summary>A contiguous block [Offset, Offset + Length) of the points of a coordinate-major input array.</summary>
public readonly struct DataView
{
    private readonly double[] _x;
    private readonly int _stride;

    /// <summary>First point of the block.</summary>
    public int Offset { get; }

    /// <summary>Number of points in the block.</summary>
    public int Length { get; }

    /// <summary>Creates a view; <paramref name="stride"/> is the total point count of the array.</summary>
    public DataView(double[] x, int stride, int offset, int length)
    {
        _x = x; _stride = stride; Offset = offset; Length = length;
    }

    /// <summary>Distance between coordinates in the underlying array (the total point count).</summary>
    public int Stride => _stride;

    /// <summary>Reference to coordinate 0 of the first point of the block; coordinate c of point i is at offset c·Stride + i.</summary>
    public ref readonly double Origin => ref _x[Offset];

    /// <summary>Coordinate c of the points in the block.</summary>
    public ReadOnlySpan<double> Column(int c) => new(_x, c * _stride + Offset, Length);

    /// <summary>The whole coordinate-major array behind the view (for per-data-set caches keyed by it).</summary>
    internal double[] Source => _x;

    /// <summary>The sub-block [start, start + length) relative to this block.</summary>
    public DataView Slice(int start, int length) => new(_x, _stride, Offset + start, length);
}

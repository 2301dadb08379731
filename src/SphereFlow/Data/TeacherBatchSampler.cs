using SphereFlow.Features;
using SphereFlow.Numerics;

namespace SphereFlow.Data;

/// <summary>
/// Fresh mini-batches of the teacher–student population for online SGD: inputs x_i ~ N(0, I_k) from its own ziggurat stream
/// (<see cref="ZigguratNormal"/>, seeded once; nothing else draws from it), targets y_i = teacher(x_i) through the ReLU
/// map's whole-measure kernel (blocked matrix products for large k), weights 1/B. <see cref="Next"/> overwrites one
/// <see cref="Batch"/> data set in place: no allocation per batch. The stream's state is the checkpoint.
/// </summary>
public sealed class TeacherBatchSampler
{
    private readonly TeacherNetwork _teacher;
    private readonly ZigguratNormal _normals;
    private readonly IMeasureKernel? _kernel;
    private readonly double[] _teacherMass, _teacherPoints;

    /// <summary>Creates the sampler of batches of <paramref name="batch"/> points with the input stream seeded by <paramref name="seed"/>.</summary>
    public TeacherBatchSampler(TeacherNetwork teacher, int batch, long seed)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        if (batch < 1) throw new ArgumentException("batch size must be ≥ 1");
        _teacher = teacher;
        _normals = new ZigguratNormal(seed);
        int k = teacher.InputDim;
        var omega = new double[batch];
        Array.Fill(omega, 1.0 / batch);
        Batch = new WeightedData(k, new double[batch * k], new double[batch], omega);
        // The teacher as atoms (a_t, b_t) of unit mass: its outputs are the prediction Σ_t a_t max(0, b_t·x).
        _teacherMass = Enumerable.Repeat(1.0, teacher.Width).ToArray();
        _teacherPoints = new double[teacher.Width * (k + 1)];
        for (int t = 0; t < teacher.Width; t++)
        {
            _teacherPoints[t * (k + 1)] = teacher.A[t];
            teacher.B.AsSpan(t * k, k).CopyTo(_teacherPoints.AsSpan(t * (k + 1) + 1, k));
        }
        _kernel = new ReluFeatures(k).CreateKernel(Batch);
    }

    /// <summary>The current batch (inputs coordinate-major, targets, weights 1/B); overwritten by <see cref="Next"/>.</summary>
    public WeightedData Batch { get; }

    /// <summary>Draws the next batch in place.</summary>
    public void Next()
    {
        _normals.Fill(Batch.X);
        if (_kernel is not null)
        {
            _kernel.Predict(_teacherMass, _teacherPoints, Batch.Y);
            return;
        }
        int k = _teacher.InputDim, b = Batch.Count;
        Span<double> row = stackalloc double[k];
        for (int i = 0; i < b; i++)
        {
            for (int c = 0; c < k; c++) row[c] = Batch.X[c * b + i];
            Batch.Y[i] = _teacher.Output(row);
        }
    }

    /// <summary>Writes the input stream's state.</summary>
    public void WriteState(BinaryWriter writer) => _normals.WriteState(writer);

    /// <summary>Restores a state written by <see cref="WriteState"/>.</summary>
    public void ReadState(BinaryReader reader) => _normals.ReadState(reader);
}

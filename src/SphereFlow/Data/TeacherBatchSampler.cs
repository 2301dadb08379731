using SphereFlow.Features;
using SphereFlow.Numerics;

namespace SphereFlow.Data;

/// <summary>
/// Fresh mini-batches of the teacher–student population for online SGD: inputs x_i ~ N(0, I_k) from its own ziggurat stream
/// (<see cref="ZigguratNormal"/>, seeded once; nothing else draws from it), targets y_i = teacher(x_i) through the blocked
/// ReLU kernel (k ≥ 8), weights 1/B. <see cref="Next"/> overwrites one <see cref="Batch"/> data set in place: no allocation
/// per batch. On more than one core the following batch is drawn on a thread-pool thread while the caller uses the current
/// one, or by the caller itself when the pool thread has not started it by then (the same stream in the same order, so the
/// batches are identical to drawing them on demand). The checkpoint is the
/// stream's state after the current batch.
/// </summary>
public sealed class TeacherBatchSampler : IThreadPoolWorkItem
{
    private readonly WeightedData _drawn;                      // where batches are drawn (then copied into Batch)
    private readonly ManualResetEventSlim _ready = new(true);
    private readonly ulong[] _stateAfterBatch = new ulong[ZigguratNormal.StateWords];
    private readonly bool _prefetch;
    private bool _inFlight;                                     // a drawn batch is pending in _drawn (or being drawn)
    private int _claimed;                                       // 1 once the pool thread or the caller has taken the pending draw

    private readonly TeacherNetwork _teacher;
    private readonly ZigguratNormal _normals;
    private readonly IMeasureKernel? _kernel;
    private readonly double[] _teacherMass, _teacherPoints;

    /// <summary>Creates the sampler of batches of <paramref name="batch"/> points with the input stream seeded by <paramref name="seed"/>.</summary>
    public TeacherBatchSampler(TeacherNetwork teacher, int batch, long seed) : this(teacher, batch, seed, Environment.ProcessorCount > 1) { }

    /// <summary>Creates the sampler; <paramref name="prefetch"/> draws the following batch in the background.</summary>
    internal TeacherBatchSampler(TeacherNetwork teacher, int batch, long seed, bool prefetch)
    {
        _prefetch = prefetch;
        ArgumentNullException.ThrowIfNull(teacher);
        if (batch < 1) throw new ArgumentException("batch size must be ≥ 1");
        _teacher = teacher;
        _normals = new ZigguratNormal(seed);
        int k = teacher.InputDim;
        var omega = new double[batch];
        Array.Fill(omega, 1.0 / batch);
        Batch = new WeightedData(k, new double[batch * k], new double[batch], omega);
        _drawn = new WeightedData(k, new double[batch * k], new double[batch], omega);
        // The teacher as atoms (a_t, b_t) of unit mass: its outputs are the prediction Σ_t a_t max(0, b_t·x).
        _teacherMass = Enumerable.Repeat(1.0, teacher.Width).ToArray();
        _teacherPoints = new double[teacher.Width * (k + 1)];
        for (int t = 0; t < teacher.Width; t++)
        {
            _teacherPoints[t * (k + 1)] = teacher.A[t];
            teacher.B.AsSpan(t * k, k).CopyTo(_teacherPoints.AsSpan(t * (k + 1) + 1, k));
        }
        // Targets only: no stored product (nothing contracts at the teacher's atoms).
        _kernel = k >= ReluFeatures.BlockedMinInputDim ? new BlockedReluKernel(_drawn, OpenBlas.UseForKernels, storeProduct: false) : null;
    }

    /// <summary>The current batch (inputs coordinate-major, targets, weights 1/B); overwritten by <see cref="Next"/>.</summary>
    public WeightedData Batch { get; }

    /// <summary>Makes the next batch current (drawing it now, or taking the one drawn in the background).</summary>
    public void Next()
    {
        if (!_inFlight) Draw();
        else if (Interlocked.Exchange(ref _claimed, 1) == 0) Draw();   // the pool thread has not started it: draw here
        else _ready.Wait();                                            // it is drawing (or has drawn) the batch
        _drawn.X.CopyTo(Batch.X, 0);
        _drawn.Y.CopyTo(Batch.Y, 0);
        _inFlight = false;
        if (!_prefetch) return;
        _normals.SaveState(_stateAfterBatch);
        _ready.Reset();
        Volatile.Write(ref _claimed, 0);
        _inFlight = true;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>
    /// Draws the pending batch into the drawing buffer on a pool thread, unless the caller has claimed it first. A work item
    /// carries no batch of its own: whichever of the pool thread and the caller claims the pending draw does it, once, so a
    /// pool thread that wakes late never makes the caller wait longer than drawing the batch itself would.
    /// </summary>
    void IThreadPoolWorkItem.Execute()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0) return;
        try { Draw(); }
        finally { _ready.Set(); }
    }

    private void Draw()
    {
        _normals.Fill(_drawn.X);
        if (_kernel is not null)
        {
            _kernel.Predict(_teacherMass, _teacherPoints, _drawn.Y);
            return;
        }
        int k = _teacher.InputDim, b = _drawn.Count;
        Span<double> row = stackalloc double[k];
        for (int i = 0; i < b; i++)
        {
            for (int c = 0; c < k; c++) row[c] = _drawn.X[c * b + i];
            _drawn.Y[i] = _teacher.Output(row);
        }
    }

    /// <summary>Writes the input stream's state after the current batch (a batch drawn ahead is not part of it).</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_inFlight) ZigguratNormal.WriteSaved(writer, _stateAfterBatch);
        else _normals.WriteState(writer);
    }

    /// <summary>Restores a state written by <see cref="WriteState"/> (a batch drawn ahead is discarded).</summary>
    public void ReadState(BinaryReader reader)
    {
        if (_inFlight && Interlocked.Exchange(ref _claimed, 1) != 0) _ready.Wait();   // unclaimed: nobody will draw it
        _inFlight = false;
        _normals.ReadState(reader);
    }
}

namespace SphereFlow.Numerics;

/// <summary>
/// Neumaier-compensated running sum: accumulates many small increments (e.g. time steps) without the O(n ε)
/// drift of naive summation. Plain data, serialisable as two doubles for bit-exact checkpoints.
/// </summary>
public struct CompensatedSum
{
    private double _sum, _compensation;

    /// <summary>The compensated value.</summary>
    public readonly double Value => _sum + _compensation;

    /// <summary>Adds an increment.</summary>
    public void Add(double x)
    {
        double t = _sum + x;
        _compensation += Math.Abs(_sum) >= Math.Abs(x) ? (_sum - t) + x : (x - t) + _sum;
        _sum = t;
    }

    /// <summary>Writes the state.</summary>
    public readonly void Write(BinaryWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Write(_sum);
        w.Write(_compensation);
    }

    /// <summary>Reads a state written by <see cref="Write"/>.</summary>
    public static CompensatedSum Read(BinaryReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new CompensatedSum { _sum = r.ReadDouble(), _compensation = r.ReadDouble() };
    }
}

using SphereFlow.Measures;

namespace SphereFlow.Solvers.Stepping;

/// <summary>Binary (bit-exact) serialisation of measures for checkpoints.</summary>
public static class StateIO
{
    /// <summary>Writes dimension, count, masses and points.</summary>
    public static void Write(BinaryWriter w, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(nu);
        w.Write(nu.AmbientDim);
        w.Write(nu.Count);
        foreach (var v in nu.Mass) w.Write(v);
        foreach (var v in nu.Points) w.Write(v);
    }

    /// <summary>Reads into a measure of the same shape.</summary>
    public static void Read(BinaryReader r, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(nu);
        int dim = r.ReadInt32(), count = r.ReadInt32();
        if (dim != nu.AmbientDim || count != nu.Count) throw new InvalidDataException($"checkpoint holds {count} atoms in R^{dim}, the case has {nu.Count} in R^{nu.AmbientDim}");
        for (int j = 0; j < count; j++) nu.Mass[j] = r.ReadDouble();
        for (int q = 0; q < nu.Points.Length; q++) nu.Points[q] = r.ReadDouble();
    }

    /// <summary>Writes a length-prefixed array of doubles.</summary>
    public static void Write(BinaryWriter w, double[] values)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(values);
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    /// <summary>Reads an array written by <see cref="Write(BinaryWriter, double[])"/> into one of the same length.</summary>
    public static void Read(BinaryReader r, double[] values, string what)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(values);
        if (r.ReadInt32() != values.Length) throw new InvalidDataException($"checkpoint {what} do not match the case (sizes differ)");
        for (int q = 0; q < values.Length; q++) values[q] = r.ReadDouble();
    }
}

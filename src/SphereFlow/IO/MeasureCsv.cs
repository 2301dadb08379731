using SphereFlow.Measures;

namespace SphereFlow.IO;

/// <summary>The initial/final measure CSV: header <c>mass,eta0,…,eta{d}</c>, one atom a row.</summary>
public static class MeasureCsv
{
    /// <summary>The header for ambient dimension d + 1.</summary>
    public static string[] Header(int dim) => ["mass", .. Enumerable.Range(0, dim).Select(c => $"eta{c}")];

    /// <summary>Reads a measure; checks the header, nonnegative masses and unit points (rows are renormalised when within 1e-6 of unit length).</summary>
    public static Measure Read(string path, int expectedDim)
    {
        var t = NumericCsv.Read(path);
        var want = Header(expectedDim);
        if (!t.Header.SequenceEqual(want))
            throw new InputException($"{path}: header must be '{string.Join(',', want)}' for S^{expectedDim - 1} (got '{string.Join(',', t.Header)}')");
        if (t.Rows.Length == 0) throw new InputException($"{path}: no atoms");
        var m = new Measure(expectedDim, t.Rows.Length);
        for (int j = 0; j < t.Rows.Length; j++)
        {
            var r = t.Rows[j];
            if (r[0] < 0) throw new InputException($"{path}: line {j + 2}: negative mass {r[0]}");
            m.Mass[j] = r[0];
            double n2 = 0;
            for (int c = 0; c < expectedDim; c++) { m.Points[j * expectedDim + c] = r[c + 1]; n2 += r[c + 1] * r[c + 1]; }
            double n = Math.Sqrt(n2);
            if (Math.Abs(n - 1) > 1e-6) throw new InputException($"{path}: line {j + 2}: point is not on the unit sphere (|eta| = {n})");
            for (int c = 0; c < expectedDim; c++) m.Points[j * expectedDim + c] /= n;
        }
        double total = 0;
        for (int j = 0; j < m.Count; j++) total += m.Mass[j];
        if (!double.IsFinite(total)) throw new InputException($"{path}: the masses add up to {total} (overflow); rescale them");
        return m;
    }

    /// <summary>Writes a measure atomically.</summary>
    public static void Write(string path, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(nu);
        NumericCsv.Write(path, Header(nu.AmbientDim), Enumerable.Range(0, nu.Count).Select(j =>
        {
            var r = new double[nu.AmbientDim + 1];
            r[0] = nu.Mass[j];
            nu.Point(j).CopyTo(r.AsSpan(1));
            return (IReadOnlyList<double>)r;
        }));
    }
}

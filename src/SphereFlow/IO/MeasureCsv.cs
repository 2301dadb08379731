using SphereFlow.Measures;

namespace SphereFlow.IO;

/// <summary>
/// The initial/final measure CSV: header <c>mass,eta0,…,eta{d}</c>, one atom a row, optionally followed by the columns
/// <c>cell,density</c> (a mesh run's final.csv: atom k is cell k at its centre, density M_K/|K|; join with mesh.csv on
/// <c>cell</c>). Those two columns are read as a check only: a mesh final.csv is a valid initial measure.
/// </summary>
public static class MeasureCsv
{
    /// <summary>The header for ambient dimension d + 1.</summary>
    public static string[] Header(int ambientDim) => ["mass", .. Enumerable.Range(0, ambientDim).Select(c => $"eta{c}")];

    /// <summary>The optional trailing columns of a mesh run's final.csv.</summary>
    public static readonly string[] MeshColumns = ["cell", "density"];

    /// <summary>Reads a measure; checks the header, nonnegative masses and unit points (rows are renormalised when within 1e-6 of unit length).</summary>
    public static Measure Read(string path, int ambientDim)
    {
        var t = NumericCsv.Read(path);
        var want = Header(ambientDim);
        if (!t.Header.SequenceEqual(want) && !t.Header.SequenceEqual([.. want, .. MeshColumns]))
            throw new InputException($"{path}: header must be '{string.Join(',', want)}' for S^{ambientDim - 1}, optionally followed by ',cell,density' (got '{string.Join(',', t.Header)}')");
        bool mesh = t.Header.Length > want.Length;
        if (t.Rows.Length == 0) throw new InputException($"{path}: no atoms");
        var m = new Measure(ambientDim, t.Rows.Length);
        for (int j = 0; j < t.Rows.Length; j++)
        {
            var r = t.Rows[j];
            if (r[0] < 0) throw new InputException($"{path}: line {j + 2}: negative mass {r[0]}");
            if (mesh && (r[ambientDim + 1] != j || r[ambientDim + 2] < 0))
                throw new InputException($"{path}: line {j + 2}: a mesh final.csv lists cells 0, 1, … in order with density ≥ 0 (got cell {r[ambientDim + 1]}, density {r[ambientDim + 2]})");
            m.Mass[j] = r[0];
            double n2 = 0;
            for (int c = 0; c < ambientDim; c++) { m.Points[j * ambientDim + c] = r[c + 1]; n2 += r[c + 1] * r[c + 1]; }
            double n = Math.Sqrt(n2);
            if (Math.Abs(n - 1) > 1e-6) throw new InputException($"{path}: line {j + 2}: point is not on the unit sphere (|eta| = {n})");
            for (int c = 0; c < ambientDim; c++) m.Points[j * ambientDim + c] /= n;
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

    /// <summary>Writes the cell masses of a mesh measure (atom k = cell k at its centre) with the columns cell and density = M_K/|K|.</summary>
    public static void WriteMesh(string path, Measure cells, ReadOnlySpan<double> cellMeasures)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cellMeasures.Length != cells.Count) throw new ArgumentException($"{cellMeasures.Length} cell measures for {cells.Count} cells");
        int dim = cells.AmbientDim;
        var rows = new List<IReadOnlyList<double>>(cells.Count);
        for (int k = 0; k < cells.Count; k++)
        {
            var r = new double[dim + 3];
            r[0] = cells.Mass[k];
            cells.Point(k).CopyTo(r.AsSpan(1));
            r[dim + 1] = k;
            r[dim + 2] = cells.Mass[k] / cellMeasures[k];
            rows.Add(r);
        }
        NumericCsv.Write(path, [.. Header(dim), .. MeshColumns], rows);
    }
}

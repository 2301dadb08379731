using SphereFlow.Data;

namespace SphereFlow.IO;

/// <summary>The data CSV: header <c>x0,…,x{k-1},y,weight</c>, one point a row.</summary>
public static class DataCsv
{
    /// <summary>The header for input dimension k.</summary>
    public static string[] Header(int k) => [.. Enumerable.Range(0, k).Select(c => $"x{c}"), "y", "weight"];

    /// <summary>The input dimension k of a data file, from its header line only.</summary>
    public static int InputDim(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found");
        string? first;
        try { first = File.ReadLines(path).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"{path}: cannot read ({e.Message})", e); }
        if (first is null) throw new InputException($"{path}: empty file (a header line is required)");
        return CheckHeader(path, [.. first.Split(',').Select(h => h.Trim())]);
    }

    private static int CheckHeader(string path, string[] header)
    {
        int k = header.Length - 2;
        if (k < 1 || !header.SequenceEqual(Header(k)))
            throw new InputException($"{path}: header must be 'x0,…,x{{k-1}},y,weight' (got '{string.Join(',', header)}')");
        return k;
    }

    /// <summary>Reads a data set; the input dimension is taken from the header.</summary>
    public static WeightedData Read(string path)
    {
        var t = NumericCsv.Read(path);
        int k = CheckHeader(path, t.Header);
        if (t.Rows.Length == 0) throw new InputException($"{path}: no data rows");
        int n = t.Rows.Length;
        var x = new double[k * n];
        var y = new double[n];
        var w = new double[n];
        for (int i = 0; i < n; i++)
        {
            var r = t.Rows[i];
            for (int c = 0; c < k; c++) x[c * n + i] = r[c];
            y[i] = r[k];
            if (r[k + 1] < 0) throw new InputException($"{path}: line {i + 2}: negative weight {r[k + 1]}");
            w[i] = r[k + 1];
        }
        return new WeightedData(k, x, y, w);
    }

    /// <summary>Writes a data set atomically.</summary>
    public static void Write(string path, WeightedData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int k = data.InputDim;
        NumericCsv.Write(path, Header(k), Enumerable.Range(0, data.Count).Select(i =>
        {
            var r = new double[k + 2];
            for (int c = 0; c < k; c++) r[c] = data[i, c];
            r[k] = data.Y[i];
            r[k + 1] = data.Weights[i];
            return (IReadOnlyList<double>)r;
        }));
    }
}

namespace SphereFlow.IO;

/// <summary>Counts the data rows of a CSV file (non-empty lines after the header) by streaming it: no memory beyond a buffer.</summary>
public static class CsvRows
{
    /// <summary>Data rows of <paramref name="path"/> (0 when it cannot be read: the reader names the problem later).</summary>
    public static long Count(string path)
    {
        try
        {
            long rows = -1;
            foreach (var line in File.ReadLines(path))
                if (!string.IsNullOrWhiteSpace(line)) rows++;
            return Math.Max(0, rows);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SphereFlow.IO;

namespace SphereFlow.Validation.Comparison;

/// <summary>
/// The refinement study of a comparison's mesh reference on disk: <c>refinement.json</c> (read back by
/// <see cref="ComparisonMerge"/>, which refits the merged rows against it) and <c>refinement.csv</c> (for people and plots:
/// t, metric, the successive differences coarse to fine, observed order, order used, estimate).
/// </summary>
public static class RefinementFile
{
    /// <summary>The JSON file name.</summary>
    public const string JsonName = "refinement.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes both files atomically.</summary>
    public static void Write(string dir, IReadOnlyList<RefinementRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.WriteAllText(Path.Combine(dir, JsonName), JsonSerializer.Serialize(rows, Json));
        int diffs = rows.Count == 0 ? 0 : rows.Max(r => r.Differences.Length);
        var csv = new StringBuilder("t,metric");
        for (int l = 0; l < diffs; l++) csv.Append(",difference_").Append(l + 1);
        csv.Append(",observed_order,order_used,error_estimate\n");
        foreach (var r in rows)
        {
            csv.Append(NumberFormat.R(r.T)).Append(',').Append(r.Metric);
            for (int l = 0; l < diffs; l++) csv.Append(',').Append(l < r.Differences.Length ? NumberFormat.R(r.Differences[l]) : "");
            csv.Append(',').Append(NumberFormat.R(r.Estimate.Order)).Append(',').Append(NumberFormat.R(r.Estimate.OrderUsed))
               .Append(',').Append(NumberFormat.R(r.Estimate.Error)).Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(dir, "refinement.csv"), csv.ToString());
    }

    /// <summary>Reads refinement.json of a study folder; a missing or malformed file is an <see cref="InputException"/>.</summary>
    public static IReadOnlyList<RefinementRow> Read(string dir)
    {
        string path = Path.Combine(dir, JsonName);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found (a compare folder written before refinement studies, or an interrupted one)");
        try
        {
            return JsonSerializer.Deserialize<List<RefinementRow>>(File.ReadAllText(path), Json) ?? throw new InputException($"{path}: empty");
        }
        catch (JsonException e) { throw new InputException($"{path}: malformed ({e.Message.Split('\n')[0]})", e); }
    }
}

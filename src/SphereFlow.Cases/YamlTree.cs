namespace SphereFlow.Cases;

/// <summary>Builders of the plain trees <see cref="CaseYaml.Write"/> serialises (mappings in insertion order, numbers, lists).</summary>
internal static class YamlTree
{
    /// <summary>An empty mapping.</summary>
    public static Dictionary<string, object?> Map() => new(StringComparer.Ordinal);

    /// <summary>A list of numbers.</summary>
    public static List<double> Numbers(IEnumerable<double> values) => [.. values];

    /// <summary>A list of lists of numbers.</summary>
    public static List<List<double>> Rows(IEnumerable<double[]> rows) => [.. rows.Select(r => r.ToList())];
}

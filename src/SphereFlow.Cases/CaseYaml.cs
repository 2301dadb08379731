using SphereFlow.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace SphereFlow.Cases;

/// <summary>Parses case files into plain trees (mappings, lists, string scalars), applies <c>--set key=value</c> overrides, and writes resolved trees.</summary>
public static class CaseYaml
{
    /// <summary>Parses YAML text into a tree; errors name the file and line.</summary>
    public static Dictionary<string, object?> Parse(string file, string text)
    {
        YamlLimits.Check(file, text);
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new InputException($"{file}: line {e.Start.Line}: invalid YAML ({FirstLine(e.Message)})", e); }
        if (stream.Documents.Count == 0) throw new InputException($"{file}: empty case file");
        return stream.Documents[0].RootNode is YamlMappingNode root
            ? (Dictionary<string, object?>)Convert(file, root)!
            : throw new InputException($"{file}: the case file must be a mapping of sections (problem, flow, solver, output)");
    }

    /// <summary>Reads and parses a case file.</summary>
    public static Dictionary<string, object?> Load(string file)
    {
        if (!File.Exists(file)) throw new InputException($"{file}: file not found");
        string text;
        try { text = File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"{file}: cannot read ({e.Message})", e); }
        return Parse(file, text);
    }

    private static object? Convert(string file, YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value is null || (s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "~" or "null") ? null : s.Value,
        YamlSequenceNode q => q.Children.Select(c => Convert(file, c)).ToList(),
        YamlMappingNode m => m.Children.ToDictionary(
            kv => kv.Key is YamlScalarNode k && k.Value is not null ? k.Value : throw new InputException($"{file}: line {kv.Key.Start.Line}: keys must be plain names"),
            kv => Convert(file, kv.Value), StringComparer.Ordinal),
        _ => throw new InputException($"{file}: line {node.Start.Line}: unsupported YAML node"),
    };

    /// <summary>Applies an override <c>a.b.c=value</c>; the value is parsed as YAML (so lists work).</summary>
    public static void Set(string file, Dictionary<string, object?> root, string assignment)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new InputException($"--set '{assignment}': expected key=value, e.g. solver.dt=0.01");
        var keys = assignment[..eq].Trim().Split('.');
        string valueText = assignment[(eq + 1)..];
        // Aliases and deep nesting are refused; text that is not YAML at all stays a plain string value (below).
        YamlLimits.Check($"--set '{assignment}'", valueText, ignoreSyntaxErrors: true);
        object? value;
        try
        {
            var doc = Parse("--set", $"v: {valueText}");
            value = doc["v"];
        }
        catch (InputException) { value = valueText; }
        var map = root;
        for (int i = 0; i < keys.Length - 1; i++)
        {
            if (keys[i].Length == 0) throw new InputException($"--set '{assignment}': empty key segment");
            bool created = false;
            if (!map.TryGetValue(keys[i], out var next) || next is null)
            {
                created = true;
                var fresh = new Dictionary<string, object?>(StringComparer.Ordinal);
                CaseOverrides.MarkMapping(fresh, assignment);
                next = fresh;
                map[keys[i]] = next;
            }
            if (next is not Dictionary<string, object?> m) throw new InputException($"{file}: --set {assignment}: '{string.Join('.', keys[..(i + 1)])}' is not a mapping");
            if (CaseOverrides.Origin(map, keys[i]) is null && created) CaseOverrides.Mark(map, keys[i], assignment);
            map = m;
        }
        if (keys[^1].Length == 0) throw new InputException($"--set '{assignment}': empty key segment");
        map[keys[^1]] = value;
        CaseOverrides.Mark(map, keys[^1], assignment);
        MarkAll(value, assignment);
    }

    private static void MarkAll(object? value, string assignment)
    {
        if (value is not Dictionary<string, object?> m) return;
        CaseOverrides.MarkMapping(m, assignment);
        foreach (var (k, v) in m)
        {
            CaseOverrides.Mark(m, k, assignment);
            MarkAll(v, assignment);
        }
    }

    /// <summary>Serialises a resolved tree (values used, defaults included) to YAML text.</summary>
    public static string Write(Dictionary<string, object?> resolved)
    {
        var serializer = new SerializerBuilder().Build();
        return serializer.Serialize(Normalize(resolved));
    }

    private static object? Normalize(object? v) => v switch
    {
        Dictionary<string, object?> m => m.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value)),
        double d => NumberFormat.R(d),
        System.Collections.IEnumerable e when v is not string => e.Cast<object?>().Select(Normalize).ToList(),
        _ => v,
    };

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}

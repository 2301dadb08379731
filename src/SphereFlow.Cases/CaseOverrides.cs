using System.Runtime.CompilerServices;

namespace SphereFlow.Cases;

/// <summary>
/// Remembers which keys of a parsed case tree came from a <c>--set key=value</c> override, so that an error about such a
/// key names the override instead of blaming the case file. The marks live beside the tree's mappings (weakly), not in them.
/// </summary>
public static class CaseOverrides
{
    private static readonly ConditionalWeakTable<Dictionary<string, object?>, Dictionary<string, string>> Marks = new();

    /// <summary>Records that <paramref name="key"/> of <paramref name="map"/> was written by the override <paramref name="assignment"/>.</summary>
    public static void Mark(Dictionary<string, object?> map, string key, string assignment)
    {
        var marks = Marks.GetOrCreateValue(map);
        lock (marks) marks[key] = assignment;
    }

    /// <summary>Records that the whole mapping <paramref name="map"/> was written by <paramref name="assignment"/> (so are its missing keys).</summary>
    public static void MarkMapping(Dictionary<string, object?> map, string assignment) => Mark(map, WholeMapping, assignment);

    /// <summary>The override that wrote <paramref name="key"/> of <paramref name="map"/> (or the whole mapping), or null when the case file did.</summary>
    public static string? Origin(Dictionary<string, object?> map, string key)
    {
        if (!Marks.TryGetValue(map, out var marks)) return null;
        lock (marks) return marks.TryGetValue(key, out var a) || marks.TryGetValue(WholeMapping, out a) ? a : null;
    }

    private const string WholeMapping = "\0";
}

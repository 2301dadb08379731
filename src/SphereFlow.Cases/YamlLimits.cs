using SphereFlow.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SphereFlow.Cases;

/// <summary>
/// Checks YAML text before it is built into a tree, by streaming its parser events (constant memory, linear time):
/// anchors and aliases are rejected (a self-referencing anchor <c>a: &amp;a [*a]</c> would recurse forever and an
/// "alias bomb" expands exponentially; case files never need them), and nesting deeper than <see cref="MaxDepth"/>
/// is rejected, as are texts longer than <see cref="MaxLength"/> characters.
/// </summary>
public static class YamlLimits
{
    /// <summary>Deepest nesting of mappings and lists allowed (a case file needs 4 or 5 levels).</summary>
    public const int MaxDepth = 32;

    /// <summary>Longest text accepted (16 MiB; a case file is a few hundred bytes).</summary>
    public const int MaxLength = 16 << 20;

    /// <summary>
    /// Throws an <see cref="InputException"/> naming <paramref name="source"/> and the line when the text breaks a limit.
    /// A syntax error is reported too, unless <paramref name="ignoreSyntaxErrors"/> (then only the events before it are checked).
    /// </summary>
    public static void Check(string source, string text, bool ignoreSyntaxErrors = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength) throw new InputException($"{source}: {text.Length} characters, more than a case file may have ({MaxLength})");
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                switch (e)
                {
                    case AnchorAlias a:
                        throw new InputException($"{source}: line {a.Start.Line}: YAML aliases (*{a.Value}) are not supported in case files; write the value out");
                    case NodeEvent { Anchor.IsEmpty: false } n:
                        throw new InputException($"{source}: line {n.Start.Line}: YAML anchors (&{n.Anchor}) are not supported in case files; write the value out");
                }
                if (e is MappingStart or SequenceStart)
                {
                    if (++depth > MaxDepth) throw new InputException($"{source}: line {e.Start.Line}: nested more than {MaxDepth} levels deep");
                }
                else if (e is MappingEnd or SequenceEnd) depth--;
            }
        }
        catch (YamlException ex)
        {
            if (ignoreSyntaxErrors) return;
            throw new InputException($"{source}: line {ex.Start.Line}: invalid YAML ({ex.Message.Split('\n')[0].Trim()})", ex);
        }
    }
}

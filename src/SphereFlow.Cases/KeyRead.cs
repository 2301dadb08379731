namespace SphereFlow.Cases;

/// <summary>The kinds of value a case key holds (a key may take more than one form, e.g. spikes: a list on S^1, rows on S^2).</summary>
[Flags]
public enum KeyType
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>A finite number.</summary>
    Number = 1,
    /// <summary>An integer.</summary>
    Integer = 2,
    /// <summary>One of a fixed set of names.</summary>
    Choice = 4,
    /// <summary>true or false.</summary>
    Bool = 8,
    /// <summary>A list of numbers.</summary>
    List = 16,
    /// <summary>A list of lists of numbers.</summary>
    Rows = 32,
    /// <summary>A file path (relative to the case file).</summary>
    Path = 64,
    /// <summary>A mapping of further keys.</summary>
    Mapping = 128,
    /// <summary>Free text.</summary>
    Text = 256,
    /// <summary>A list of names (e.g. dotted keys).</summary>
    Names = 512,
}

/// <summary>One key as a reader read it (recorded by <see cref="CaseNode.Record"/>): its dotted key, type, the default it used when absent, the choices.</summary>
/// <param name="Key">Dotted key.</param>
/// <param name="Type">The type read.</param>
/// <param name="Default">The default the reader offered (null: required, or no default).</param>
/// <param name="Choices">The allowed names of a choice (null otherwise).</param>
public sealed record KeyRead(string Key, KeyType Type, string? Default, IReadOnlyList<string>? Choices);

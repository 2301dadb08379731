namespace SphereFlow.IO;

/// <summary>
/// A typed specification (problem, data, solver, initial measure, mesh) that cannot be built, naming the offending
/// field by its dotted case-file key relative to the specification (e.g. <c>init.mesh.kind</c>). The case reader
/// prefixes the section (<c>solver.</c>, <c>problem.</c>) and the file, so that messages name the file and key exactly.
/// A key of "" means the specification as a whole.
/// </summary>
public sealed class SpecException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="key"/> (relative dotted key, "" for the whole specification).</summary>
    public SpecException(string key, string message) : base(message) { Key = key; }

    /// <summary>Required by the analyzers; not used.</summary>
    public SpecException() { Key = ""; }

    /// <summary>Required by the analyzers; not used.</summary>
    public SpecException(string message) : base(message) { Key = ""; }

    /// <summary>Required by the analyzers; not used.</summary>
    public SpecException(string message, Exception inner) : base(message, inner) { Key = ""; }

    /// <summary>The relative dotted key ("" for the specification as a whole).</summary>
    public string Key { get; }

    /// <summary>The same error seen from the enclosing specification, whose field <paramref name="field"/> holds this one.</summary>
    public SpecException Under(string field) => new(Key.Length == 0 ? field : $"{field}.{Key}", Message);

    /// <summary>Runs <paramref name="build"/>; errors of the nested specification held in <paramref name="field"/> are re-keyed under it (any other <see cref="ArgumentException"/> names the field as a whole).</summary>
    public static T Within<T>(string field, Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        try { return build(); }
        catch (SpecException e) { throw e.Under(field); }
        catch (ArgumentException e) { throw new SpecException(field, e.Message); }
    }
}

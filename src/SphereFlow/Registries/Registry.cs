using System.Collections;

namespace SphereFlow.Registries;

/// <summary>What every registry entry says about itself: its case-file (or command-line) name and one line on what it is.</summary>
public interface IRegistration
{
    /// <summary>The name it is registered and looked up under.</summary>
    string Name { get; }

    /// <summary>One line on what it is.</summary>
    string Description { get; }
}

/// <summary>A registry entry that makes something: name, description and the factory (or value) <see cref="Create"/>.</summary>
/// <typeparam name="T">The factory's type, e.g. <c>Func&lt;FeatureOptions, IFeatureMap&gt;</c>.</typeparam>
/// <param name="Name">Registered name.</param>
/// <param name="Description">One line on what it is.</param>
/// <param name="Create">The factory.</param>
public sealed record Registration<T>(string Name, string Description, T Create) : IRegistration;

/// <summary>
/// The one shape of every registry (feature maps, losses, meshes, steppers, solver kinds, validation and bench cases):
/// entries in a fixed order, each naming and describing itself, looked up by name with one error message
/// ("unknown {what} 'x' (known: a, b, …)"). A new entry is one line in the registry's list; tests "over all" iterate it.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
public sealed class Registry<T> : IReadOnlyList<T> where T : IRegistration
{
    private readonly T[] _entries;

    /// <summary>A registry of <paramref name="what"/> (singular, for messages) with <paramref name="entries"/>; names must be unique and non-empty.</summary>
    public Registry(string what, IEnumerable<T> entries)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(entries);
        What = what;
        _entries = [.. entries];
        foreach (var e in _entries)
            if (string.IsNullOrWhiteSpace(e.Name) || string.IsNullOrWhiteSpace(e.Description)) throw new ArgumentException($"{what} registry: every entry needs a name and a description");
        var dup = _entries.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"{what} registry: '{dup.Key}' is registered twice");
        Names = [.. _entries.Select(e => e.Name)];
    }

    /// <summary>What the entries are (singular), e.g. "particle stepper".</summary>
    public string What { get; }

    /// <summary>The registered names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether <paramref name="name"/> is registered.</summary>
    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The entry named <paramref name="name"/>; an <see cref="ArgumentException"/> naming the known ones otherwise.</summary>
    public T Get(string name)
    {
        foreach (var e in _entries)
            if (string.Equals(e.Name, name, StringComparison.Ordinal)) return e;
        throw new ArgumentException($"unknown {What} '{name}' (known: {string.Join(", ", Names)})");
    }

    /// <inheritdoc/>
    public T this[int index] => _entries[index];

    /// <inheritdoc/>
    public int Count => _entries.Length;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

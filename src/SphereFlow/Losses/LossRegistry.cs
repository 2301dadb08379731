namespace SphereFlow.Losses;

/// <summary>Registry of losses by case-file name.</summary>
public static class LossRegistry
{
    private static readonly Dictionary<string, Func<ILoss>> Factories = new(StringComparer.Ordinal)
    {
        ["square"] = () => new SquareLoss(),
        ["logistic"] = () => new LogisticLoss(),
    };

    /// <summary>All registered names.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Creates a loss by name.</summary>
    public static ILoss Create(string name) => Factories.TryGetValue(name, out var f)
        ? f() : throw new ArgumentException($"unknown loss '{name}' (known: {string.Join(", ", Factories.Keys)})");
}

using SphereFlow.Registries;

namespace SphereFlow.Losses;

/// <summary>Registry of losses by case-file name.</summary>
public static class LossRegistry
{
    /// <summary>The registered losses.</summary>
    public static Registry<Registration<Func<ILoss>>> All { get; } = new("loss",
    [
        new("square", "ℓ(h, y) = ½ (h − y)²", () => new SquareLoss()),
        new("logistic", "ℓ(h, y) = log(1 + exp(−y h))", () => new LogisticLoss()),
    ]);

    /// <summary>All registered names.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>Creates a loss by name.</summary>
    public static ILoss Create(string name) => All.Get(name).Create();
}

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// Registry of finite-volume time steppers by case-file name. A new stepper is one class plus one line here;
/// tests iterate over <see cref="Names"/>.
/// </summary>
public static class MeshSteppers
{
    private static readonly Dictionary<string, Func<IMeshStepper>> Factories = new(StringComparer.Ordinal)
    {
        ["lie"] = () => new LieStepper(),
        ["strang"] = () => new StrangStepper(),
        ["ssprk3"] = () => new Ssprk3Stepper(),
    };

    /// <summary>The default stepper.</summary>
    public const string Default = "strang";

    /// <summary>All registered names.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Creates a stepper by name.</summary>
    public static IMeshStepper Create(string name) => Factories.TryGetValue(name, out var f)
        ? f()
        : throw new ArgumentException($"unknown mesh stepper '{name}' (known: {string.Join(", ", Factories.Keys)})");
}

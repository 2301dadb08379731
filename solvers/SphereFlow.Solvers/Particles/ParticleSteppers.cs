using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Particles;

/// <summary>Options a particle stepper may take from a case file.</summary>
/// <param name="Tolerance">Local error tolerance of adaptive steppers.</param>
public sealed record ParticleStepperOptions(double Tolerance = 1e-8);

/// <summary>
/// Registry of particle steppers by case-file name. A new stepper is one class plus one line here; tests iterate
/// over <see cref="Names"/>.
/// </summary>
public static class ParticleSteppers
{
    private static readonly Dictionary<string, Func<ParticleStepperOptions, IParticleStepper>> Factories = new(StringComparer.Ordinal)
    {
        ["euler"] = _ => new ExponentialEulerStepper(),
        ["rk4"] = _ => new RungeKuttaParticleStepper(new ExplicitRungeKutta<ParticleState>("rk4", ButcherTableaus.Rk4)),
        ["adaptive"] = o => new RungeKuttaParticleStepper(new EmbeddedRungeKutta<ParticleState>("adaptive", ButcherTableaus.DormandPrince54, o.Tolerance)),
    };

    /// <summary>All registered names.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Creates a stepper by name.</summary>
    public static IParticleStepper Create(string name, ParticleStepperOptions? options = null) => Factories.TryGetValue(name, out var f)
        ? f(options ?? new ParticleStepperOptions())
        : throw new ArgumentException($"unknown particle stepper '{name}' (known: {string.Join(", ", Factories.Keys)})");
}

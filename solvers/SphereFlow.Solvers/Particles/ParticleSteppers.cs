using SphereFlow.Registries;
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
    /// <summary>The registered steppers.</summary>
    public static Registry<Registration<Func<ParticleStepperOptions, IParticleStepper>>> All { get; } = new("particle stepper",
    [
        new("euler", "split exponential Euler: masses × exp(−α(J − s)Δt), positions by a retracted tangent step; order 1", _ => new ExponentialEulerStepper()),
        new("rk4", "classical Runge–Kutta (shared layer), stages retracted; order 4", _ => new RungeKuttaParticleStepper(new ExplicitRungeKutta<ParticleState>("rk4", ButcherTableaus.Rk4))),
        new("adaptive", "Dormand–Prince 5(4) with error control and FSAL (shared layer), dt a cap", o => new RungeKuttaParticleStepper(new EmbeddedRungeKutta<ParticleState>("adaptive", ButcherTableaus.DormandPrince54, o.Tolerance))),
    ]);

    /// <summary>All registered names.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>Creates a stepper by name.</summary>
    public static IParticleStepper Create(string name, ParticleStepperOptions? options = null) => All.Get(name).Create(options ?? new ParticleStepperOptions());
}

using SphereFlow.Registries;
using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// Registry of the w-flow's integrators by case-file name, all from the shared Runge–Kutta layer: <c>euler</c> (gradient
/// descent w ← w − βΔt m∇F), <c>rk4</c>, and <c>adaptive</c> (Dormand–Prince 5(4), <c>tolerance</c>, dt a cap).
/// </summary>
public static class WeightSteppers
{
    /// <summary>The registered steppers (the factory takes the local tolerance of <c>adaptive</c>).</summary>
    public static Registry<Registration<Func<double, IOdeStepper<VectorState>>>> All { get; } = new("weight stepper",
    [
        new("euler", "gradient descent w ← w − βΔt m∇F (forward Euler); order 1", _ => new ExplicitRungeKutta<VectorState>("euler", ButcherTableaus.Euler)),
        new("rk4", "classical Runge–Kutta; order 4", _ => new ExplicitRungeKutta<VectorState>("rk4", ButcherTableaus.Rk4)),
        new("adaptive", "Dormand–Prince 5(4) with error control and FSAL, dt a cap", tol => new EmbeddedRungeKutta<VectorState>("adaptive", ButcherTableaus.DormandPrince54, tol)),
    ]);

    /// <summary>All registered names.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>Creates a stepper by name (<paramref name="tolerance"/>: local tolerance of <c>adaptive</c>).</summary>
    public static IOdeStepper<VectorState> Create(string name, double tolerance = 1e-8) => All.Get(name).Create(tolerance);
}

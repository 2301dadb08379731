using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Weights;

/// <summary>
/// Registry of the w-flow's integrators by case-file name, all from the shared Runge–Kutta layer: <c>euler</c> (gradient
/// descent w ← w − βΔt m∇F), <c>rk4</c>, and <c>adaptive</c> (Dormand–Prince 5(4), <c>tolerance</c>, dt a cap).
/// </summary>
public static class WeightSteppers
{
    private static readonly Dictionary<string, Func<double, IOdeStepper<VectorState>>> Factories = new(StringComparer.Ordinal)
    {
        ["euler"] = _ => new ExplicitRungeKutta<VectorState>("euler", ButcherTableaus.Euler),
        ["rk4"] = _ => new ExplicitRungeKutta<VectorState>("rk4", ButcherTableaus.Rk4),
        ["adaptive"] = tol => new EmbeddedRungeKutta<VectorState>("adaptive", ButcherTableaus.DormandPrince54, tol),
    };

    /// <summary>All registered names.</summary>
    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>Creates a stepper by name (<paramref name="tolerance"/>: local tolerance of <c>adaptive</c>).</summary>
    public static IOdeStepper<VectorState> Create(string name, double tolerance = 1e-8) => Factories.TryGetValue(name, out var f)
        ? f(tolerance)
        : throw new ArgumentException($"unknown weight stepper '{name}' (known: {string.Join(", ", Factories.Keys)})");
}

using SphereFlow.Registries;

namespace SphereFlow.Solvers.FiniteVolume;

/// <summary>
/// Registry of finite-volume time steppers by case-file name. A new stepper is one class plus one line here;
/// tests iterate over <see cref="Names"/>.
/// </summary>
public static class MeshSteppers
{
    /// <summary>The registered steppers.</summary>
    public static Registry<Registration<Func<IMeshStepper>>> All { get; } = new("mesh stepper",
    [
        new("lie", "Lie splitting: forward-Euler upwind transport, then exact reaction, J frozen at the step start; 1 J evaluation", () => new LieStepper()),
        new("strang", "Strang splitting R(Δt/2) T(Δt) R(Δt/2), SSP-RK2 transport, J re-evaluated at the half-reacted state", () => new StrangStepper()),
        new("ssprk3", "unsplit Shu–Osher SSPRK(3,3) on the full right-hand side, J at every stage; 3 J evaluations", () => new Ssprk3Stepper()),
    ]);

    /// <summary>The default stepper.</summary>
    public const string Default = "strang";

    /// <summary>All registered names.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>Creates a stepper by name.</summary>
    public static IMeshStepper Create(string name) => All.Get(name).Create();
}

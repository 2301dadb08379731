namespace SphereFlow.Solvers.RungeKutta;

/// <summary>
/// A fixed-step explicit Runge–Kutta method from its <see cref="ButcherTableau"/>: every stage point y + h Σ a_si k_i is
/// retracted before its rate is evaluated, and so is the new solution y + (h/D) Σ B_i k_i. S evaluations per step.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
public sealed class ExplicitRungeKutta<TState> : IOdeStepper<TState> where TState : IOdeState
{
    private RungeKuttaStages<TState>? _stages;

    /// <summary>Creates the stepper named <paramref name="name"/> for <paramref name="tableau"/>.</summary>
    public ExplicitRungeKutta(string name, ButcherTableau tableau)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tableau);
        Name = name; Tableau = tableau;
    }

    /// <summary>The coefficients.</summary>
    public ButcherTableau Tableau { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Order => Tableau.Order;

    /// <inheritdoc/>
    public OdeStep Step(IOdeSystem<TState> system, TState y, double dt)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(y);
        var st = _stages is not null && _stages.Fits(y) ? _stages : (_stages = new RungeKuttaStages<TState>(system, y, Tableau.Stages));
        system.Rates(y, st.K[0]);
        for (int s = 1; s < Tableau.Stages; s++)
        {
            st.Combine(y, dt, Tableau.A[s], st.Point);
            system.Retract(st.Point);
            system.Rates(st.Point, st.K[s]);
        }
        st.Combine(y, dt / Tableau.BDivisor, Tableau.B, y);
        system.Retract(y);
        return new OdeStep(dt, Tableau.Stages, 0);
    }
}

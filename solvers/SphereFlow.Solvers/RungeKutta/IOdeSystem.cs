namespace SphereFlow.Solvers.RungeKutta;

/// <summary>A state of an ODE system as contiguous blocks of numbers (particles: masses, positions; the w-flow: weights).</summary>
public interface IOdeState
{
    /// <summary>The blocks, in a fixed order; combinations and error norms run over them block by block.</summary>
    IReadOnlyList<double[]> Blocks { get; }
}

/// <summary>
/// An ODE system dy/dt = f(y) on a manifold given by a retraction: the Runge–Kutta steppers combine stages in the
/// ambient space and map every stage point and result back with <see cref="Retract"/> (particles: masses clipped at 0
/// and positions renormalised onto the sphere; weights: nothing).
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
public interface IOdeSystem<TState> where TState : IOdeState
{
    /// <summary>A new state of the same shape as <paramref name="state"/> (stage points, rates).</summary>
    TState CreateLike(TState state);

    /// <summary>Evaluates the rates f(<paramref name="y"/>) into <paramref name="dydt"/> (one right-hand-side evaluation).</summary>
    void Rates(TState y, TState dydt);

    /// <summary>Maps a combination of states back onto the state space, in place.</summary>
    void Retract(TState y) { }
}

/// <summary>A plain vector state: one block.</summary>
/// <param name="values">The numbers (not copied).</param>
public sealed class VectorState(double[] values) : IOdeState
{
    /// <summary>The numbers.</summary>
    public double[] Values { get; } = values ?? throw new ArgumentNullException(nameof(values));

    /// <inheritdoc/>
    public IReadOnlyList<double[]> Blocks => [Values];
}

namespace SphereFlow.Solvers.RungeKutta;

/// <summary>What one step did.</summary>
/// <param name="Dt">Step taken.</param>
/// <param name="Evaluations">Right-hand-side evaluations used (rejected attempts included).</param>
/// <param name="Rejections">Rejected trial steps (adaptive methods).</param>
public readonly record struct OdeStep(double Dt, int Evaluations, int Rejections);

/// <summary>A one-step integrator of an <see cref="IOdeSystem{TState}"/>.</summary>
/// <typeparam name="TState">The state type.</typeparam>
public interface IOdeStepper<TState> where TState : IOdeState
{
    /// <summary>Registry name (e.g. <c>rk4</c>, <c>adaptive</c>).</summary>
    string Name { get; }

    /// <summary>Order of accuracy in Δt.</summary>
    int Order { get; }

    /// <summary>Advances <paramref name="y"/> in place by one step of at most <paramref name="dt"/> (fixed-step methods take exactly dt).</summary>
    OdeStep Step(IOdeSystem<TState> system, TState y, double dt);

    /// <summary>Writes any internal state needed to continue bit-for-bit (an adaptive step size).</summary>
    void WriteState(BinaryWriter writer) { }

    /// <summary>Restores what <see cref="WriteState"/> wrote.</summary>
    void ReadState(BinaryReader reader) { }
}

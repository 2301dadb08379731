using SphereFlow.Measures;
using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// A Runge–Kutta stepper of the shared layer (<see cref="ExplicitRungeKutta{TState}"/>, <see cref="EmbeddedRungeKutta{TState}"/>)
/// on the particle system: stage points retracted (masses clipped at 0, positions renormalised).
/// </summary>
/// <param name="stepper">The Runge–Kutta stepper.</param>
public sealed class RungeKuttaParticleStepper(IOdeStepper<ParticleState> stepper) : IParticleStepper
{
    private ParticleState? _view;

    /// <summary>The Runge–Kutta stepper.</summary>
    public IOdeStepper<ParticleState> Inner { get; } = stepper ?? throw new ArgumentNullException(nameof(stepper));

    /// <inheritdoc/>
    public string Name => Inner.Name;

    /// <inheritdoc/>
    public int Order => Inner.Order;

    /// <inheritdoc/>
    public OdeStep Step(ParticleDynamics dynamics, Measure state, double dt)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!ReferenceEquals(_view?.Measure, state)) _view = new ParticleState(state);
        return Inner.Step(dynamics, _view, dt);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer) => Inner.WriteState(writer);

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader) => Inner.ReadState(reader);
}

using SphereFlow.Measures;
using SphereFlow.Solvers.RungeKutta;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// A time stepper for the particle system. Registered by name in <see cref="ParticleSteppers"/>; tests run over all
/// registered steppers.
/// </summary>
public interface IParticleStepper
{
    /// <summary>Registry name.</summary>
    string Name { get; }

    /// <summary>Order of accuracy in Δt.</summary>
    int Order { get; }

    /// <summary>
    /// Advances <paramref name="state"/> in place by one step of at most <paramref name="dt"/> (fixed-step methods take
    /// exactly dt). Points stay on the sphere (retraction) and masses stay ≥ 0.
    /// </summary>
    OdeStep Step(ParticleDynamics dynamics, Measure state, double dt);

    /// <summary>Writes any internal state needed to continue bit-for-bit (e.g. an adaptive step size).</summary>
    void WriteState(BinaryWriter writer) { }

    /// <summary>Restores what <see cref="WriteState"/> wrote.</summary>
    void ReadState(BinaryReader reader) { }
}

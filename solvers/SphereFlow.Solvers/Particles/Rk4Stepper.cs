using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// Classical fourth-order Runge–Kutta on (M, η) with the stage points renormalised onto the sphere (retraction)
/// and the final point renormalised; fourth order for smooth J.
/// </summary>
public sealed class Rk4Stepper : IParticleStepper
{
    private RkBuffers? _b;

    /// <inheritdoc/>
    public string Name => "rk4";

    /// <inheritdoc/>
    public int Order => 4;

    /// <inheritdoc/>
    public ParticleStep Step(ParticleDynamics dynamics, Measure state, double dt)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(state);
        var b = _b is not null && _b.Matches(state) ? _b : (_b = new RkBuffers(state, 4));
        int m = state.Count;
        var stage = b.Stage;
        // k1
        dynamics.Rates(state, b.Work, b.DM[0], b.DP[0]);
        // k2, k3 at half steps, k4 at full step
        ReadOnlySpan<double> c = [0.5, 0.5, 1.0];
        for (int s = 1; s < 4; s++)
        {
            double h = c[s - 1] * dt;
            RkBuffers.Combine(state, stage, h, b.DM[s - 1], b.DP[s - 1]);
            dynamics.Rates(stage, b.Work, b.DM[s], b.DP[s]);
        }
        double w = dt / 6;
        for (int j = 0; j < m; j++)
            state.Mass[j] = Math.Max(0, state.Mass[j] + w * (b.DM[0][j] + 2 * b.DM[1][j] + 2 * b.DM[2][j] + b.DM[3][j]));
        var p = state.Points;
        for (int q = 0; q < p.Length; q++)
            p[q] += w * (b.DP[0][q] + 2 * b.DP[1][q] + 2 * b.DP[2][q] + b.DP[3][q]);
        for (int j = 0; j < m; j++) Sphere.Normalize(state.Point(j));
        return new ParticleStep(dt, 4, 0);
    }
}

/// <summary>Stage buffers of explicit Runge–Kutta methods for particles.</summary>
internal sealed class RkBuffers
{
    public RkBuffers(Measure state, int stages)
    {
        Stage = new Measure(state.AmbientDim, state.Count);
        Work = new ParticleWork(state.Count, state.AmbientDim);
        DM = new double[stages][];
        DP = new double[stages][];
        for (int s = 0; s < stages; s++) { DM[s] = new double[state.Count]; DP[s] = new double[state.Points.Length]; }
    }

    public Measure Stage { get; }
    public ParticleWork Work { get; }
    public double[][] DM { get; }
    public double[][] DP { get; }

    public bool Matches(Measure state) => Stage.Count == state.Count && Stage.AmbientDim == state.AmbientDim;

    /// <summary>stage = retract(state + h·(dm, dp)); masses clipped at 0.</summary>
    public static void Combine(Measure state, Measure stage, double h, ReadOnlySpan<double> dm, ReadOnlySpan<double> dp)
    {
        for (int j = 0; j < state.Count; j++) stage.Mass[j] = Math.Max(0, state.Mass[j] + h * dm[j]);
        var p = state.Points; var sp = stage.Points;
        for (int q = 0; q < p.Length; q++) sp[q] = p[q] + h * dp[q];
        for (int j = 0; j < state.Count; j++) Sphere.Normalize(stage.Point(j));
    }
}

using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// Adaptive embedded Runge–Kutta, Dormand–Prince 5(4) with local extrapolation and FSAL, on (M, η): every stage point
/// is retracted onto the sphere and its masses clipped at 0, as in <see cref="Rk4Stepper"/>. The local error estimate
/// y⁽⁵⁾ − y⁽⁴⁾ is measured in the RMS norm with mixed scale tol·(1 + max(|y_n|, |y_{n+1}|)) per component; a step with
/// error &gt; 1 is rejected (counted) and retried, and the next step is h·min(5, max(0.2, 0.9·err^(−1/5))) (no growth
/// right after a rejection). <c>Step(dt)</c> takes min(dt, proposed step): dt is a cap. The proposed step is internal
/// state and travels in checkpoints; the FSAL stage is reused only when the state is bitwise the one it was computed at.
/// </summary>
public sealed class DormandPrinceStepper : IParticleStepper
{
    private static readonly double[] C = [0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1];
    private static readonly double[][] A =
    [
        [],
        [1.0 / 5],
        [3.0 / 40, 9.0 / 40],
        [44.0 / 45, -56.0 / 15, 32.0 / 9],
        [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
        [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
        [35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
    ];
    /// <summary>b − b̂: fifth-order weights minus the embedded fourth-order weights.</summary>
    private static readonly double[] E =
        [71.0 / 57600, 0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40];

    private const double Safety = 0.9, MinFactor = 0.2, MaxFactor = 5.0;
    private const int MaxRejections = 60;

    private readonly double _tol;
    private RkBuffers? _b;
    private Measure? _trial, _fsalAt;
    private ParticleDynamics? _fsalDynamics;
    private double _h;

    /// <summary>Creates the stepper with local tolerance <paramref name="tolerance"/> (absolute and relative).</summary>
    public DormandPrinceStepper(double tolerance)
    {
        if (!(tolerance > 0) || !double.IsFinite(tolerance)) throw new ArgumentException("adaptive tolerance must be finite and > 0");
        _tol = tolerance;
    }

    /// <inheritdoc/>
    public string Name => "adaptive";

    /// <inheritdoc/>
    public int Order => 5;

    /// <summary>The step the controller proposes next (0 before the first step).</summary>
    public double ProposedStep => _h;

    /// <inheritdoc/>
    public ParticleStep Step(ParticleDynamics dynamics, Measure state, double dt)
    {
        ArgumentNullException.ThrowIfNull(dynamics);
        ArgumentNullException.ThrowIfNull(state);
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), "step cap must be > 0");
        if (_b is null || !_b.Matches(state))
        {
            _b = new RkBuffers(state, 7);
            _trial = new Measure(state.AmbientDim, state.Count);
            _fsalAt = new Measure(state.AmbientDim, state.Count);
            _fsalDynamics = null;
        }
        var b = _b;
        var trial = _trial!;
        int evals = 0, rejections = 0;
        bool fsal = ReferenceEquals(_fsalDynamics, dynamics)
                    && state.Mass.AsSpan().SequenceEqual(_fsalAt!.Mass) && state.Points.AsSpan().SequenceEqual(_fsalAt.Points);
        if (fsal)
        {
            b.DM[6].CopyTo(b.DM[0], 0);
            b.DP[6].CopyTo(b.DP[0], 0);
        }
        else
        {
            dynamics.Rates(state, b.Work, b.DM[0], b.DP[0]);
            evals++;
        }
        double h = _h > 0 ? Math.Min(_h, dt) : dt;
        while (true)
        {
            for (int s = 1; s < 7; s++)
            {
                var stage = s == 6 ? trial : b.Stage;
                Combine(state, stage, h, A[s], b, s);
                dynamics.Rates(stage, b.Work, b.DM[s], b.DP[s]);
                evals++;
            }
            double err = ErrorNorm(state, trial, h, b);
            if (!double.IsFinite(err)) err = double.PositiveInfinity;
            if (err <= 1)
            {
                double grow = err == 0 ? MaxFactor : Math.Clamp(Safety * Math.Pow(err, -0.2), MinFactor, MaxFactor);
                if (rejections > 0) grow = Math.Min(grow, 1);
                _h = h * grow;
                state.CopyFrom(trial);
                _fsalAt!.CopyFrom(trial);
                _fsalDynamics = dynamics;
                return new ParticleStep(h, evals, rejections);
            }
            rejections++;
            if (rejections > MaxRejections) throw new ArithmeticException($"adaptive stepper: {rejections} rejected steps in a row (last h = {h:R}, error {err:R})");
            h *= Math.Max(MinFactor, Safety * Math.Pow(err, -0.2));
            _fsalDynamics = null;
        }
    }

    /// <summary>stage = retract(state + h Σ_i a_i k_i), masses clipped at 0.</summary>
    private static void Combine(Measure state, Measure stage, double h, double[] a, RkBuffers b, int stages)
    {
        var m = state.Mass; var sm = stage.Mass;
        for (int j = 0; j < m.Length; j++)
        {
            double acc = 0;
            for (int i = 0; i < stages; i++) acc += a[i] * b.DM[i][j];
            sm[j] = Math.Max(0, m[j] + h * acc);
        }
        var p = state.Points; var sp = stage.Points;
        for (int q = 0; q < p.Length; q++)
        {
            double acc = 0;
            for (int i = 0; i < stages; i++) acc += a[i] * b.DP[i][q];
            sp[q] = p[q] + h * acc;
        }
        for (int j = 0; j < state.Count; j++) Sphere.Normalize(stage.Point(j));
    }

    private double ErrorNorm(Measure state, Measure next, double h, RkBuffers b)
    {
        double sum = 0;
        int n = 0;
        for (int j = 0; j < state.Count; j++, n++)
        {
            double e = 0;
            for (int i = 0; i < 7; i++) e += E[i] * b.DM[i][j];
            double sc = _tol * (1 + Math.Max(Math.Abs(state.Mass[j]), Math.Abs(next.Mass[j])));
            double r = h * e / sc;
            sum += r * r;
        }
        var p = state.Points;
        for (int q = 0; q < p.Length; q++, n++)
        {
            double e = 0;
            for (int i = 0; i < 7; i++) e += E[i] * b.DP[i][q];
            double sc = _tol * (1 + Math.Max(Math.Abs(p[q]), Math.Abs(next.Points[q])));
            double r = h * e / sc;
            sum += r * r;
        }
        return n == 0 ? 0 : Math.Sqrt(sum / n);
    }

    /// <inheritdoc/>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_h);
    }

    /// <inheritdoc/>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        double h = reader.ReadDouble();
        if (!(h >= 0) || !double.IsFinite(h)) throw new InvalidDataException($"adaptive stepper: invalid proposed step {h}");
        _h = h;
        _fsalDynamics = null;
    }
}

namespace SphereFlow.Solvers.RungeKutta;

/// <summary>
/// An adaptive embedded Runge–Kutta method (Dormand–Prince 5(4) from <see cref="ButcherTableaus.DormandPrince54"/>) with
/// local extrapolation and first-same-as-last reuse: every stage point is retracted, the local error estimate
/// h Σ e_i k_i is measured in the RMS norm with the mixed scale tol·(1 + max(|y_n|, |y_{n+1}|)) per component; a step with
/// error &gt; 1 is rejected (counted) and retried, and the next step is h·min(5, max(0.2, 0.9·err^(−1/(q+1)))) with q the
/// embedded order (no growth right after a rejection). <c>Step(dt)</c> takes min(dt, proposed step): dt is a cap. The
/// proposed step is internal state and travels in checkpoints; the last stage is reused as the next first only when the
/// system and the state are bitwise those it was computed for.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
public sealed class EmbeddedRungeKutta<TState> : IOdeStepper<TState> where TState : IOdeState
{
    private const double Safety = 0.9, MinFactor = 0.2, MaxFactor = 5.0;
    private const int MaxRejections = 60;

    private readonly double _tol, _exponent;
    private RungeKuttaStages<TState>? _stages;
    private TState? _trial, _fsalAt;
    private object? _fsalSystem;
    private double _h;

    /// <summary>Creates the stepper named <paramref name="name"/> for the embedded first-same-as-last <paramref name="tableau"/> with local tolerance <paramref name="tolerance"/> (absolute and relative).</summary>
    public EmbeddedRungeKutta(string name, ButcherTableau tableau, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(tableau);
        if (!tableau.IsEmbedded || !tableau.FirstSameAsLast) throw new ArgumentException($"{tableau.Name}: the adaptive stepper needs an embedded first-same-as-last pair");
        if (!(tolerance > 0) || !double.IsFinite(tolerance)) throw new ArgumentException("adaptive tolerance must be finite and > 0");
        Name = name; Tableau = tableau; _tol = tolerance;
        _exponent = -1.0 / (tableau.EmbeddedOrder + 1);
    }

    /// <summary>The coefficients.</summary>
    public ButcherTableau Tableau { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Order => Tableau.Order;

    /// <summary>The local error tolerance.</summary>
    public double Tolerance => _tol;

    /// <summary>The step the controller proposes next (0 before the first step).</summary>
    public double ProposedStep => _h;

    /// <inheritdoc/>
    public OdeStep Step(IOdeSystem<TState> system, TState y, double dt)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(y);
        if (!(dt > 0)) throw new ArgumentOutOfRangeException(nameof(dt), "step cap must be > 0");
        int stages = Tableau.Stages;
        if (_stages is null || !_stages.Fits(y))
        {
            _stages = new RungeKuttaStages<TState>(system, y, stages);
            _trial = system.CreateLike(y);
            _fsalAt = system.CreateLike(y);
            _fsalSystem = null;
        }
        var st = _stages;
        var trial = _trial!;
        int evals = 0, rejections = 0;
        if (ReferenceEquals(_fsalSystem, system) && SameBits(y, _fsalAt!))
            Copy(st.K[stages - 1], st.K[0]);
        else
        {
            system.Rates(y, st.K[0]);
            evals++;
        }
        double h = _h > 0 ? Math.Min(_h, dt) : dt;
        while (true)
        {
            for (int s = 1; s < stages; s++)
            {
                var point = s == stages - 1 ? trial : st.Point;
                st.Combine(y, h, Tableau.A[s], point);
                system.Retract(point);
                system.Rates(point, st.K[s]);
                evals++;
            }
            double err = ErrorNorm(y, trial, h, st);
            if (!double.IsFinite(err)) err = double.PositiveInfinity;
            if (err <= 1)
            {
                double grow = err == 0 ? MaxFactor : Math.Clamp(Safety * Math.Pow(err, _exponent), MinFactor, MaxFactor);
                if (rejections > 0) grow = Math.Min(grow, 1);
                _h = h * grow;
                Copy(trial, y);
                Copy(trial, _fsalAt!);
                _fsalSystem = system;
                return new OdeStep(h, evals, rejections);
            }
            rejections++;
            if (rejections > MaxRejections) throw new ArithmeticException($"adaptive stepper: {rejections} rejected steps in a row (last h = {h:R}, error {err:R})");
            h *= Math.Max(MinFactor, Safety * Math.Pow(err, _exponent));
            _fsalSystem = null;
        }
    }

    private double ErrorNorm(TState y, TState next, double h, RungeKuttaStages<TState> st)
    {
        var e = Tableau.ErrorWeights!;
        double sum = 0;
        long n = 0;
        for (int b = 0; b < y.Blocks.Count; b++)
        {
            var ys = y.Blocks[b];
            var ns = next.Blocks[b];
            for (int q = 0; q < ys.Length; q++, n++)
            {
                double est = 0;
                for (int i = 0; i < e.Length; i++) if (e[i] != 0) est += e[i] * st.K[i].Blocks[b][q];
                double sc = _tol * (1 + Math.Max(Math.Abs(ys[q]), Math.Abs(ns[q])));
                double r = h * est / sc;
                sum += r * r;
            }
        }
        return n == 0 ? 0 : Math.Sqrt(sum / n);
    }

    private static bool SameBits(TState a, TState b)
    {
        for (int i = 0; i < a.Blocks.Count; i++)
            if (!a.Blocks[i].AsSpan().SequenceEqual(b.Blocks[i])) return false;
        return true;
    }

    private static void Copy(TState from, TState to)
    {
        for (int i = 0; i < from.Blocks.Count; i++) from.Blocks[i].CopyTo(to.Blocks[i], 0);
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
        _fsalSystem = null;
    }
}

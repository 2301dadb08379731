using SphereFlow.Numerics;

namespace SphereFlow.Solvers.Stepping;

/// <summary>
/// The clock every solver keeps: time as a compensated sum of the accepted steps (no O(n ε) drift over 10⁶ steps),
/// accepted steps, and the work counters (right-hand-side evaluations, rejected attempts). A solver checks its step cap
/// with <see cref="CheckCap"/> and records each accepted step with <see cref="Tick"/>; checkpoints write the clock
/// bit-exactly before the solver's own state.
/// </summary>
public sealed class SolverClock
{
    private CompensatedSum _time;

    /// <summary>Current time.</summary>
    public double Time => _time.Value;

    /// <summary>Accepted steps.</summary>
    public long Steps { get; private set; }

    /// <summary>Evaluations of J (right-hand sides) over all steps, rejected attempts included.</summary>
    public long Evaluations { get; private set; }

    /// <summary>Rejected attempts over all steps.</summary>
    public long Rejections { get; private set; }

    /// <summary>Throws unless the step cap <paramref name="dtMax"/> is finite and &gt; 0.</summary>
    public static void CheckCap(double dtMax)
    {
        if (!(dtMax > 0) || !double.IsFinite(dtMax)) throw new ArgumentOutOfRangeException(nameof(dtMax), "time step must be finite and > 0");
    }

    /// <summary>Records an accepted step of <paramref name="dt"/> and returns its report.</summary>
    /// <param name="dt">The step taken.</param>
    /// <param name="evaluations">J evaluations it used (rejected attempts included).</param>
    /// <param name="rejections">Attempts rejected before it was accepted.</param>
    /// <param name="cfl">Its CFL number (NaN where there is none).</param>
    public StepReport Tick(double dt, int evaluations, int rejections = 0, double cfl = double.NaN)
    {
        _time.Add(dt);
        Steps++;
        Evaluations += evaluations;
        Rejections += rejections;
        return new StepReport(dt, rejections, cfl, evaluations);
    }

    /// <summary>Writes the clock (bit-exact).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _time.Write(writer);
        writer.Write(Steps);
        writer.Write(Evaluations);
        writer.Write(Rejections);
    }

    /// <summary>Restores what <see cref="Write"/> wrote.</summary>
    public void Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var time = CompensatedSum.Read(reader);
        long steps = reader.ReadInt64(), evaluations = reader.ReadInt64(), rejections = reader.ReadInt64();
        if (steps < 0 || evaluations < 0 || rejections < 0 || !double.IsFinite(time.Value))
            throw new InvalidDataException($"invalid solver clock (t = {time.Value}, {steps} steps)");
        _time = time;
        Steps = steps; Evaluations = evaluations; Rejections = rejections;
    }
}

namespace SphereFlow.Solvers.Stepping;

/// <summary>A run diverged: a quantity became non-finite or blew up. The command-line program exits with code 3.</summary>
public sealed class DivergenceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DivergenceException(long step, double time, string quantity, double value)
        : base($"diverged at step {step} (t = {time:R}): {quantity} = {value:R}")
    {
        Step = step; Time = time; Quantity = quantity; Value = value;
    }

    /// <summary>A step failed (<paramref name="inner"/>: e.g. the step size collapsed, or a state left the sphere); <paramref name="reason"/> says how.</summary>
    public DivergenceException(long step, double time, string reason, Exception inner)
        : base($"diverged at step {step} (t = {time:R}): {reason}", inner)
    {
        Step = step; Time = time; Quantity = reason; Value = double.NaN;
    }

    /// <summary>Required by the analyzers; not used.</summary>
    public DivergenceException() { Quantity = ""; }

    /// <summary>Required by the analyzers; not used.</summary>
    public DivergenceException(string message) : base(message) { Quantity = ""; }

    /// <summary>Required by the analyzers; not used.</summary>
    public DivergenceException(string message, Exception inner) : base(message, inner) { Quantity = ""; }

    /// <summary>Step at which divergence was detected.</summary>
    public long Step { get; }
    /// <summary>Time at which divergence was detected.</summary>
    public double Time { get; }
    /// <summary>The offending quantity.</summary>
    public string Quantity { get; }
    /// <summary>Its value.</summary>
    public double Value { get; }
}

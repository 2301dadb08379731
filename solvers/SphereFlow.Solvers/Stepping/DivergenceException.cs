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

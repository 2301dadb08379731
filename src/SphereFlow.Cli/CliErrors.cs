using SphereFlow.IO;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Cli;

/// <summary>Maps failures to one-line messages and exit codes: 2 bad input, 3 divergence, 1 internal error.</summary>
public static class CliErrors
{
    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;
    /// <summary>Exit code for a diverged run.</summary>
    public const int Diverged = 3;

    /// <summary>Runs the action; prints one line and returns the exit code on failure. Set SPHEREFLOW_DEBUG=1 for stack traces.</summary>
    public static int Guard(Func<int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try { return action(); }
        catch (Exception e)
        {
            var (code, message) = Classify(e);
            Console.Error.WriteLine(message);
            if (Environment.GetEnvironmentVariable("SPHEREFLOW_DEBUG") == "1") Console.Error.WriteLine(e);
            return code;
        }
    }

    /// <summary>The exit code and message for an exception.</summary>
    public static (int Code, string Message) Classify(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            InputException ie => (BadInput, $"error: {ie.Message}"),
            DivergenceException de => (Diverged, $"error: {de.Message}"),
            AggregateException { InnerExceptions.Count: 1 } ae => Classify(ae.InnerExceptions[0]),
            ArgumentException ae => (BadInput, $"error: {ae.Message}"),
            FileNotFoundException fe => (BadInput, $"error: {fe.FileName}: file not found"),
            DirectoryNotFoundException de => (BadInput, $"error: {de.Message}"),
            UnauthorizedAccessException ue => (BadInput, $"error: {ue.Message}"),
            _ => (1, $"internal error: {e.GetType().Name}: {e.Message}"),
        };
    }
}

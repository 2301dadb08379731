namespace SphereFlow.IO;

/// <summary>
/// Bad user input (case file, CSV, option): the command-line program prints the one-line message and exits
/// with code 2. The message names the file, key or row.
/// </summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public InputException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public InputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Required by the analyzers; not used.</summary>
    public InputException() { }
}

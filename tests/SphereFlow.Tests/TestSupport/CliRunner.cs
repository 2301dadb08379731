using System.Diagnostics;

namespace SphereFlow.Tests.TestSupport;

/// <summary>Runs the real <c>sphereflow</c> executable (copied next to the tests) as a child process.</summary>
public static class CliRunner
{
    /// <summary>Result of one invocation.</summary>
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    /// <summary>Runs <c>dotnet sphereflow.dll args…</c> in <paramref name="workDir"/>.</summary>
    public static Result Run(string workDir, params string[] args) => Run(workDir, TimeSpan.FromMinutes(10), args);

    /// <summary>Runs <c>dotnet sphereflow.dll args…</c> in <paramref name="workDir"/>; a run past <paramref name="limit"/> is killed and fails the test (a hang).</summary>
    public static Result Run(string workDir, TimeSpan limit, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "sphereflow.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SPHEREFLOW_DEBUG");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit)) { p.Kill(true); throw new TimeoutException($"sphereflow {string.Join(' ', args)} did not finish in {limit.TotalSeconds} s"); }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A fresh temporary folder.</summary>
    public static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "sphereflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}

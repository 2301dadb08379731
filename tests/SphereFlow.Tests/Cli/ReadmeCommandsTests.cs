using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// Every command the README shows (an indented code line that starts with <c>dotnet </c> or <c>sphereflow </c> and has no
/// placeholder) runs, exactly as written, in a clean clone of the repository (a <c>git clone</c> of the committed HEAD
/// into a temporary folder), in README order, and exits 0. <c>sphereflow</c> stands for what the README says it is after a
/// build: <c>dotnet src/SphereFlow.Cli/bin/Release/net10.0/sphereflow.dll</c>. One command is not run again there: the
/// README's test command (<see cref="TestCommand"/>), which is the suite this test belongs to. Instead the test checks
/// that <c>.ci/run</c> runs exactly that command, and CI runs <c>.ci/run</c> in a fresh clone: that is the clean-clone
/// run of it (running it here too would double the suite's time).
/// </summary>
public partial class ReadmeCommandsTests
{
    /// <summary>The README's test command, which <c>.ci/run</c> runs.</summary>
    public const string TestCommand = "dotnet test SphereFlow.sln -c Release";

    /// <summary>The repository root: the folder above the test binary that holds README.md and SphereFlow.sln.</summary>
    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "README.md")) && File.Exists(Path.Combine(d.FullName, "SphereFlow.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found above the test binary");
    }

    /// <summary>The README's commands, in order.</summary>
    public static IReadOnlyList<string> Commands(string readme)
    {
        var list = new List<string>();
        foreach (var line in readme.Split('\n'))
        {
            var m = CommandLine().Match(line.TrimEnd('\r'));
            if (!m.Success) continue;
            string cmd = m.Groups[1].Value.Trim();
            // Synopses ("sphereflow run CASE.yaml [--out DIR]") have placeholders; commands do not.
            if (cmd.Contains('[', StringComparison.Ordinal) || cmd.Contains('|', StringComparison.Ordinal) || PlaceHolder().IsMatch(cmd)) continue;
            list.Add(cmd);
        }
        return list;
    }

    [GeneratedRegex(@"^    ((?:dotnet|sphereflow) .*)$")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"\b[A-Z]{2,}\b")]
    private static partial Regex PlaceHolder();

    [Fact]
    public void The_readme_shows_a_run_the_tests_and_validate_quick()
    {
        var cmds = Commands(File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")));
        Assert.Contains(cmds, c => c.StartsWith("dotnet run ", StringComparison.Ordinal));
        Assert.Contains(TestCommand, cmds);
        Assert.Contains("sphereflow validate --quick", cmds);
        Assert.DoesNotContain(cmds, c => c.Contains("CASE", StringComparison.Ordinal));
    }

    /// <summary>The commands a shell script runs: its lines without comments, a pipe's first command, redirections dropped.</summary>
    public static IReadOnlyList<string> ScriptCommands(string script)
    {
        var list = new List<string>();
        foreach (var raw in script.Split('\n'))
        {
            string line = raw.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string first = line.Split('|')[0];
            first = Redirection().Replace(first, " ");
            list.Add(string.Join(' ', first.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
        return list;
    }

    [GeneratedRegex(@"\s\d?>&?\S*")]
    private static partial Regex Redirection();

    [Fact]
    public void Ci_runs_exactly_the_readme_test_command()
    {
        string root = RepositoryRoot();
        Assert.Contains(TestCommand, Commands(File.ReadAllText(Path.Combine(root, "README.md"))));
        var ci = ScriptCommands(File.ReadAllText(Path.Combine(root, ".ci", "run")));
        // Exactly one dotnet command, and it is the README's (not a filtered or differently configured one).
        Assert.Equal([TestCommand], ci.Where(c => c.StartsWith("dotnet ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Script_commands_are_read_past_pipes_and_redirections()
    {
        Assert.Equal(["dotnet test X -c Release", "rc=1"], ScriptCommands("# c\ndotnet test X -c Release 2>&1 | tee \"$log\"\n  rc=1\n"));
        Assert.NotEqual([TestCommand], ScriptCommands("dotnet test SphereFlow.sln -c Release --filter Fast 2>&1 | tee x\n").Where(c => c.StartsWith("dotnet ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_readme_command_works_as_written_in_a_clean_clone()
    {
        string root = RepositoryRoot();
        string clone = Path.Combine(Path.GetTempPath(), "sphereflow-readme", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(clone)!);
        try
        {
            Run(Path.GetTempPath(), "git", ["clone", "--quiet", root, clone], TimeSpan.FromMinutes(2));
            var cmds = Commands(File.ReadAllText(Path.Combine(clone, "README.md")));
            Assert.NotEmpty(cmds);
            string dll = Path.Combine(clone, "src", "SphereFlow.Cli", "bin", "Release", "net10.0", "sphereflow.dll");
            Assert.Contains(TestCommand, cmds);
            foreach (var cmd in cmds.Where(c => c != TestCommand)) // the test command: see Ci_runs_exactly_the_readme_test_command
            {
                var words = cmd.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                string file = words[0] == "sphereflow" ? "dotnet" : words[0];
                string[] args = words[0] == "sphereflow" ? [dll, .. words[1..]] : words[1..];
                Run(clone, file, args, TimeSpan.FromMinutes(10));
            }
        }
        finally
        {
            try { Directory.Delete(clone, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void Run(string workDir, string file, string[] args, TimeSpan limit)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // No build servers or reused MSBuild nodes outlive the test.
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["UseSharedCompilation"] = "false";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("SPHEREFLOW_DEBUG");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit)) { p.Kill(true); Assert.Fail($"'{file} {string.Join(' ', args)}' did not finish in {limit.TotalMinutes} min"); }
        p.WaitForExit();
        string Tail(string s) => s.Length > 3000 ? s[^3000..] : s;
        Assert.True(p.ExitCode == 0, $"'{file} {string.Join(' ', args)}' exited {p.ExitCode}:\n{Tail(stdout.Result)}\n{Tail(stderr.Result)}");
    }
}

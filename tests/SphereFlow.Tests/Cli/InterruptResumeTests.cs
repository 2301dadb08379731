using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SphereFlow.IO;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM during <c>sphereflow run</c>, sent by the test to the real process: the run finishes its step,
/// writes checkpoint, series, final.csv, plots and summary (status interrupted) and exits 130 or 143; <c>run --resume DIR</c>
/// (no case file) then ends with results bit-identical to an uninterrupted run: final.csv, checkpoint.bin, the series
/// (but its wall-clock column), the snapshot series and the HDF5 snapshots.
/// </summary>
public partial class InterruptResumeTests(ITestOutputHelper output)
{
    private const int SigInt = 2, SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>A run of many cheap steps (no rigorous bound, few probes), with snapshots, recorded every 7 steps (so an interruption usually falls between rows).</summary>
    private static string Case(double tEnd) =>
        SmallTeacherCase.Yaml(60, tEnd.ToString("R", CultureInfo.InvariantCulture), "{ every: 7, probes: 64, bound_cells: 0, snapshots: { interval: 10 } }");

    /// <summary>Whether <paramref name="signal"/> is ignored by process <paramref name="pid"/> (inherited SIG_IGN, e.g. a job started with &amp; by a shell without job control).</summary>
    private static bool Ignores(int pid, int signal)
    {
        string status = $"/proc/{pid}/status";
        if (!File.Exists(status)) return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    /// <summary>
    /// Starts the run and sends <paramref name="signal"/> once its series has a row at step 14 or later; doubles t_end and
    /// tries again if the run was over first (a very fast machine). Returns the exit code, the case file and t_end.
    /// </summary>
    private (int Code, string Case, double TEnd, string Stdout) Interrupt(string dir, string outDir, int signal)
    {
        for (double tEnd = 200; ; tEnd *= 2)
        {
            Assert.True(tEnd <= 3200, "the run always finished before the test could interrupt it");
            string casePath = Path.Combine(dir, $"case-{tEnd}.yaml");
            File.WriteAllText(casePath, Case(tEnd));
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "sphereflow.dll"), "run", casePath, "--out", outDir, "--progress-interval", "0.2" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            string series = Path.Combine(outDir, "series.csv");
            var clock = Stopwatch.StartNew();
            bool sent = false;
            while (!p.HasExited && clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                if (File.Exists(series) && File.ReadLines(series).Skip(1).Select(l => long.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() >= 14)
                {
                    Assert.False(Ignores(p.Id, signal), $"the test's own environment ignores signal {signal} (inherited SIG_IGN): it cannot be tested here");
                    Assert.Equal(0, Kill(p.Id, signal));
                    sent = true;
                    break;
                }
                Thread.Sleep(5);
            }
            if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); Assert.Fail("the interrupted run did not exit"); }
            p.WaitForExit();
            output.WriteLine($"t_end = {tEnd}: signal {(sent ? "sent" : "not sent")}, exit {p.ExitCode}\n{stderr.Result}");
            if (sent && p.ExitCode != 0) return (p.ExitCode, casePath, tEnd, stdout.Result);
            Assert.True(p.ExitCode == 0, stderr.Result);
        }
    }

    private static void AssertSameBytes(string a, string b) =>
        Assert.True(File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)), $"{a} and {b} differ");

    [Fact]
    public void Ctrl_c_during_run_then_resume_gives_the_uninterrupted_results_bit_for_bit()
    {
        if (!OperatingSystem.IsLinux()) return;
        string dir = CliRunner.TempDir();
        string interrupted = Path.Combine(dir, "interrupted"), full = Path.Combine(dir, "full");
        // Ctrl-C sends SIGINT; where the test's environment ignores it (a background job), SIGTERM takes the same path.
        int signal = Ignores(Environment.ProcessId, SigInt) ? SigTerm : SigInt;
        // Progress lines every 0.2 s (the output is redirected) evaluate F between steps: they must not change the results.
        var (code, casePath, tEnd, _) = Interrupt(dir, interrupted, signal);
        Assert.Equal(signal == SigInt ? 130 : 143, code);
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(interrupted, "summary.json"))))
        {
            Assert.Equal("interrupted", summary.RootElement.GetProperty("status").GetString());
            Assert.True(summary.RootElement.GetProperty("t").GetDouble() < tEnd);
        }
        foreach (var f in new[] { "checkpoint.bin", "final.csv", "series.csv", "plots/energy.png", "nu.pvd", "run.h5" })
            Assert.True(File.Exists(Path.Combine(interrupted, f)), $"the interrupted run lacks {f}");

        var resumed = CliRunner.Run(dir, "run", "--resume", interrupted, "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        var reference = CliRunner.Run(dir, "run", casePath, "--out", full, "--quiet");
        Assert.True(reference.ExitCode == 0, reference.StdErr);

        AssertSameBytes(Path.Combine(full, "final.csv"), Path.Combine(interrupted, "final.csv"));
        AssertSameBytes(Path.Combine(full, "checkpoint.bin"), Path.Combine(interrupted, "checkpoint.bin"));
        AssertSameBytes(Path.Combine(full, "nu.pvd"), Path.Combine(interrupted, "nu.pvd"));
        foreach (var f in Directory.GetFiles(Path.Combine(full, "snapshots")))
            AssertSameBytes(f, Path.Combine(interrupted, "snapshots", Path.GetFileName(f)));
        Assert.Equal(Directory.GetFiles(Path.Combine(full, "snapshots")).Length, Directory.GetFiles(Path.Combine(interrupted, "snapshots")).Length);
        var a = NumericCsv.Read(Path.Combine(full, "series.csv"), allowNonFinite: true);
        var b = NumericCsv.Read(Path.Combine(interrupted, "series.csv"), allowNonFinite: true);
        Assert.Equal(a.Header, b.Header);
        Assert.Equal(a.Rows.Length, b.Rows.Length); // the row written at the interruption is not in the continued series
        int wall = Array.IndexOf(a.Header, "wall_seconds");
        for (int r = 0; r < a.Rows.Length; r++)
            for (int c = 0; c < a.Header.Length; c++)
                if (c != wall) Assert.Equal(BitConverter.DoubleToInt64Bits(a.Rows[r][c]), BitConverter.DoubleToInt64Bits(b.Rows[r][c]));
        var ha = RunArchiveHdf5.Read(Path.Combine(full, "run.h5"));
        var hb = RunArchiveHdf5.Read(Path.Combine(interrupted, "run.h5"));
        Assert.Equal(ha.Snapshots.Count, hb.Snapshots.Count);
        Assert.Equal(tEnd / 10 + 1, ha.Snapshots.Count);
        foreach (var (x, y) in ha.Snapshots.Zip(hb.Snapshots))
        {
            Assert.Equal(x.Step, y.Step);
            Assert.Equal(x.Nu.Mass, y.Nu.Mass);
            Assert.Equal(x.Nu.Points, y.Nu.Points);
        }
    }

    [Fact]
    public void Sigterm_ends_the_run_cleanly_with_exit_code_143()
    {
        if (!OperatingSystem.IsLinux()) return;
        string dir = CliRunner.TempDir();
        string o = Path.Combine(dir, "out");
        var (code, _, tEnd, _) = Interrupt(dir, o, SigTerm);
        Assert.Equal(143, code);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(o, "summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal("interrupted by SIGTERM", summary.RootElement.GetProperty("message").GetString());
        long steps = summary.RootElement.GetProperty("steps").GetInt64();
        Assert.InRange(steps, 14, (long)(tEnd / 0.05) - 1);
        // final.csv is the measure at the last step: the series' last row is that step.
        var series = NumericCsv.Read(Path.Combine(o, "series.csv"), allowNonFinite: true);
        Assert.Equal(steps, (long)series.Rows[^1][0]);
        Assert.Equal(60, NumericCsv.Read(Path.Combine(o, "final.csv")).Rows.Length);
    }
}

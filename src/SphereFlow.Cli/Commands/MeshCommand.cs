using System.CommandLine;
using System.Globalization;
using SphereFlow.Meshes;

namespace SphereFlow.Cli.Commands;

/// <summary>
/// <c>sphereflow mesh --dim D --kind KIND --level L [--out DIR]</c>: builds a mesh of S^D, prints its quality report,
/// and with --out writes <c>mesh.vtu</c> (ParaView) and <c>mesh.csv</c> (cell,measure,eta0,…) into DIR.
/// Bad input (unknown kind, dimension not supported by the kind, level out of range) prints one line
/// <c>error: …</c> to stderr and returns exit code 2.
/// </summary>
public static class MeshCommand
{
    /// <summary>Exit code for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dim = new Option<int>("--dim") { Description = "Sphere dimension d (the mesh covers S^d).", Required = true };
        var kind = new Option<string>("--kind") { Description = $"Mesh kind: {string.Join(", ", MeshKinds.Names)}.", Required = true };
        var level = new Option<int>("--level") { Description = "Refinement level (see meshes/README.md for each kind).", Required = true };
        var output = new Option<string?>("--out") { Description = "Folder for mesh.vtu and mesh.csv." };
        var force = new Option<bool>("--force") { Description = "Replace mesh.vtu and mesh.csv of an earlier export in the folder." };
        var cmd = new Command("mesh", "Build a mesh of S^d, print its quality report, optionally export VTU and CSV.");
        cmd.Options.Add(dim);
        cmd.Options.Add(kind);
        cmd.Options.Add(level);
        cmd.Options.Add(output);
        cmd.Options.Add(force);
        cmd.SetAction(pr => Run(pr.GetValue(kind) ?? "", pr.GetValue(dim), pr.GetValue(level), pr.GetValue(output), Console.Out, Console.Error, pr.GetValue(force)));
        return cmd;
    }

    /// <summary>Runs the command; returns the exit code (0 success, 2 bad input, 1 internal error).</summary>
    public static int Run(string kind, int sphereDim, int level, string? outDir, TextWriter stdout, TextWriter stderr, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            if (sphereDim < 1) throw new ArgumentException($"--dim must be ≥ 1, got {sphereDim}");
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var mesh = MeshKinds.Create(kind, sphereDim, level);
            double build = sw.Elapsed.TotalSeconds;
            var lines = MeshQuality.Compute(mesh).ToLines();
            foreach (var line in lines) stdout.WriteLine(line);
            // Value column of the report: after the label's padding.
            int col = lines.Count > 0 ? lines[0].IndexOf("  ", StringComparison.Ordinal) : -1;
            while (col >= 0 && col < lines[0].Length && lines[0][col] == ' ') col++;
            stdout.WriteLine($"{"build time (s)".PadRight(Math.Max(col - 2, 14))}  {build.ToString("G4", CultureInfo.InvariantCulture)}");
            if (!string.IsNullOrEmpty(outDir))
            {
                using var claim = IO.OutputFolderGuard.Claim(outDir, force);
                string vtu = Path.Combine(outDir, "mesh.vtu"), csv = Path.Combine(outDir, "mesh.csv");
                VtuWriter.Write(vtu, mesh);
                MeshCsv.Write(csv, mesh);
                stdout.WriteLine($"wrote {vtu}");
                stdout.WriteLine($"wrote {csv}");
            }
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or IO.InputException)
        {
            stderr.WriteLine($"error: {e.Message.Split('\n')[0].TrimEnd()}");
            return BadInput;
        }
        catch (Exception e) when (e is InvalidOperationException or OutOfMemoryException or ArithmeticException)
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message.Split('\n')[0].TrimEnd()}");
            return 1;
        }
    }
}

namespace SphereFlow.IO;

/// <summary>
/// Claims an output folder for one command before it writes anything: the path must be (or become) a writable folder,
/// it is locked (<see cref="FolderLock"/>) so that two commands cannot write into one folder, and a folder that already holds
/// SphereFlow outputs is refused unless the user says <c>--force</c>, in which case the earlier outputs the command
/// would write are removed first (so a new run never mixes with an old one's files). Every refusal is an
/// <see cref="InputException"/> naming the path.
/// </summary>
public static class OutputFolderGuard
{
    /// <summary>
    /// Names of files and folders that any SphereFlow command writes into its output folder: a folder holding one of
    /// them holds another run's outputs.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownOutputs =
    [
        "series.csv", "summary.json", "final.csv", "case.resolved.yaml", "checkpoint.bin", "checkpoints", "run.h5", "nu.pvd", "plots", "snapshots",
        "compare.csv", "compare.json", "summary.csv", "rates.csv", "report.md", "mesh-case.resolved.yaml", "checks.csv",
        "mesh.vtu", "mesh.csv", "refinement.csv", "refinement.json", "sweep.csv", "sweep.json", "points.csv", "runs",
    ];

    /// <summary>
    /// Claims <paramref name="directory"/>. <paramref name="continuing"/>: the command continues the run already in this
    /// folder (<c>run --resume DIR</c> with no other <c>--out</c>), so its outputs are expected. <paramref name="alsoRemove"/>:
    /// further names the command writes (e.g. the validation cases' folders), removed with <paramref name="force"/>.
    /// Dispose the result when the command is done.
    /// </summary>
    public static FolderLock Claim(string directory, bool force, bool continuing = false, IEnumerable<string>? alsoRemove = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string full = Path.GetFullPath(directory);
        if (File.Exists(full)) throw new InputException($"{full}: --out names an existing file, not a folder");
        bool existed = Directory.Exists(full);
        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputException($"{full}: cannot create the output folder ({e.Message})", e);
        }
        var held = FolderLock.Acquire(full);
        // A folder made here and left empty (the command failed on bad input before writing) is removed again.
        held.RemoveFolderIfEmpty = !existed;
        try
        {
            var names = KnownOutputs.Concat(alsoRemove ?? []).Distinct(StringComparer.Ordinal).ToList();
            var present = names.Where(n => File.Exists(Path.Combine(full, n)) || Directory.Exists(Path.Combine(full, n))).ToList();
            if (present.Count > 0 && !continuing)
            {
                if (!force)
                    throw new InputException($"{full}: holds the outputs of an earlier run ({string.Join(", ", present.Take(4))}{(present.Count > 4 ? ", …" : "")}); choose another --out, or add --force to replace them");
                foreach (var n in present)
                {
                    string p = Path.Combine(full, n);
                    if (Directory.Exists(p)) Directory.Delete(p, recursive: true);
                    else File.Delete(p);
                }
            }
            return held;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            held.Dispose();
            throw new InputException($"{full}: cannot clear the earlier outputs ({e.Message})", e);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }
}

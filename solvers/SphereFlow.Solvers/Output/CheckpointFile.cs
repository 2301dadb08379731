using SphereFlow.IO;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// <c>checkpoint.bin</c>: magic, format version, then the solver's state (<see cref="SolverCheckpoint"/>: kind, clock,
/// own state), written atomically; <c>--resume</c> continues from it bit-for-bit.
/// </summary>
public static class CheckpointFile
{
    /// <summary>File name in a run folder.</summary>
    public const string Name = "checkpoint.bin";
    private const int Magic = 0x4B434653; // "SFCK"
    private const int Version = 3;        // 2: one kind string, then the solver clock, then the solver's state; 3: particle counters

    /// <summary>Writes the checkpoint of <paramref name="solver"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        AtomicFile.Write(path, s =>
        {
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            w.Write(Magic);
            w.Write(Version);
            SolverCheckpoint.Write(w, solver);
        });
    }

    /// <summary>Restores <paramref name="solver"/> from the checkpoint of the run folder <paramref name="directory"/>; problems are <see cref="InputException"/>s naming the file.</summary>
    public static void Read(string directory, ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        string p = Path.Combine(directory, Name);
        if (!File.Exists(p)) throw new InputException($"{p}: no checkpoint to resume from");
        try
        {
            using var r = new BinaryReader(File.OpenRead(p));
            if (r.ReadInt32() != Magic) throw new InputException($"{p}: not a SphereFlow checkpoint");
            int version = r.ReadInt32();
            if (version != Version) throw new InputException($"{p}: checkpoint format version {version}, this program reads version {Version} (rerun the case)");
            SolverCheckpoint.Read(r, solver);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new InputException($"{p}: cannot resume ({e.Message})", e);
        }
    }
}

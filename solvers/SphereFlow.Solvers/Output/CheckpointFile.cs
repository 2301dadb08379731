using System.Security.Cryptography;
using System.Text;
using SphereFlow.IO;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// <c>checkpoint.bin</c>, written atomically: magic, format version, the <see cref="CaseFingerprint"/> of the run (trajectory
/// keys and a hash of the data), the solver's state (<see cref="SolverCheckpoint"/>: kind, clock, own state), and last a
/// SHA-256 of everything before it. <c>--resume</c> continues from it bit-for-bit, and refuses (an <see cref="InputException"/>
/// naming the file and what differs) a damaged file, another format, or a checkpoint of another case.
/// </summary>
public static class CheckpointFile
{
    /// <summary>File name in a run folder.</summary>
    public const string Name = "checkpoint.bin";
    private const int Magic = 0x4B434653; // "SFCK"
    private const int Version = 4;        // 2: kind, clock, state; 3: particle counters; 4: case fingerprint and SHA-256 checksum
    private const int HashLength = 32;

    /// <summary>Writes the checkpoint of <paramref name="solver"/> (a run of the case <paramref name="fingerprint"/>) to <paramref name="path"/>.</summary>
    public static void Write(string path, ISolver solver, CaseFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(fingerprint);
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(fingerprint.Keys.Count);
            foreach (var (k, v) in fingerprint.Keys) { w.Write(k); w.Write(v); }
            w.Write(fingerprint.DataHash);
            SolverCheckpoint.Write(w, solver);
        }
        var hash = SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length));
        AtomicFile.Write(path, s =>
        {
            body.WriteTo(s);
            s.Write(hash);
        });
    }

    /// <summary>
    /// Restores <paramref name="solver"/> from the checkpoint of the run folder <paramref name="directory"/> after checking it:
    /// its checksum, format, that it was written for the case <paramref name="expected"/> (every differing key named), and the
    /// solver kind. Problems are <see cref="InputException"/>s naming the file.
    /// </summary>
    public static void Read(string directory, ISolver solver, CaseFingerprint expected)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(expected);
        string p = Path.Combine(directory, Name);
        if (!File.Exists(p)) throw new InputException($"{p}: no checkpoint to resume from");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(p); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputException($"{p}: cannot read ({e.Message})", e); }
        if (bytes.Length < 8 + HashLength || BitConverter.ToInt32(bytes, 0) != Magic) throw new InputException($"{p}: not a SphereFlow checkpoint");
        int version = BitConverter.ToInt32(bytes, 4);
        if (version != Version) throw new InputException($"{p}: checkpoint format version {version}, this program reads version {Version} (rerun the case)");
        var body = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            throw new InputException($"{p}: the checkpoint is damaged (its SHA-256 checksum does not match its content); resume from an intact copy or rerun the case");
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, 8, body.Length - 8, writable: false), Encoding.UTF8);
            int count = r.ReadInt32();
            if (count < 0 || count > 100_000) throw new InvalidDataException($"{count} case keys");
            var keys = new List<KeyValuePair<string, string>>(count);
            for (int i = 0; i < count; i++) keys.Add(new(r.ReadString(), r.ReadString()));
            var stored = new CaseFingerprint(keys, r.ReadBytes(HashLength));
            var differences = stored.Differences(expected);
            if (differences.Count > 0)
                throw new InputException($"{p}: the checkpoint is of another case: {string.Join("; ", differences.Take(3))}{(differences.Count > 3 ? $" (and {differences.Count - 3} more)" : "")}; resume with the case it was written for (without a case file, --resume uses the folder's case.resolved.yaml)");
            SolverCheckpoint.Read(r, solver);
            if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException($"{r.BaseStream.Length - r.BaseStream.Position} bytes left after the solver's state");
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException)
        {
            throw new InputException($"{p}: cannot resume ({e.Message})", e);
        }
    }
}

using System.Globalization;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// Writes the solver's checkpoint to <paramref name="path"/> each time it is due (replacing the previous one atomically).
/// With <paramref name="keep"/> &gt; 1 the previous checkpoint is first copied to <c>checkpoints/checkpoint-STEP.bin</c>
/// beside it (its step, nine digits), and of those the latest <paramref name="keep"/> − 1 are kept; to go back to one,
/// copy it over checkpoint.bin and resume.
/// </summary>
/// <param name="path">The file (checkpoint.bin).</param>
/// <param name="fingerprint">The case the run belongs to, stored in every checkpoint.</param>
/// <param name="keep">Checkpoints kept, ≥ 1.</param>
public sealed class CheckpointWriter(string path, CaseFingerprint fingerprint, int keep = 1) : ISimulationCallback
{
    /// <summary>The folder of the kept earlier checkpoints, beside checkpoint.bin.</summary>
    public const string KeptFolder = "checkpoints";

    private long _lastStep = -1;

    /// <inheritdoc/>
    public void Initialize(Simulation.Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        // A resumed run in its own folder starts from the checkpoint there, written at the present step.
        _lastStep = File.Exists(path) ? simulation.Solver.Steps : -1;
    }

    /// <inheritdoc/>
    public void Invoke(Simulation.Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        long step = simulation.Solver.Steps;
        if (step == _lastStep && File.Exists(path)) return;
        if (keep > 1 && _lastStep >= 0 && File.Exists(path)) KeepPrevious();
        CheckpointFile.Write(path, simulation.Solver, fingerprint);
        _lastStep = step;
    }

    private void KeepPrevious()
    {
        string dir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, KeptFolder);
        Directory.CreateDirectory(dir);
        string stem = Path.GetFileNameWithoutExtension(path);
        // A copy, not a move: checkpoint.bin is never missing, even if the run dies right here.
        File.Copy(path, Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"{stem}-{_lastStep:D9}.bin")), overwrite: true);
        var kept = Directory.EnumerateFiles(dir, stem + "-?????????.bin").Order(StringComparer.Ordinal).ToList();
        foreach (var f in kept.Take(Math.Max(0, kept.Count - (keep - 1)))) File.Delete(f);
    }
}

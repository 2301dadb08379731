using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// <c>run.h5</c> (<see cref="RunArchiveHdf5"/>): the series recorded so far and the snapshots taken so far, with the run's
/// text attributes. Rewritten whole (atomically) each time it is due: after every snapshot and at the end, so the file on
/// disk always holds every snapshot up to the last checkpoint a resumed run starts from.
/// </summary>
/// <param name="path">The file.</param>
/// <param name="recorder">The series.</param>
/// <param name="snapshots">The snapshots.</param>
/// <param name="attributes">Root attributes (solver, flow, the case text…).</param>
public sealed class RunArchiveWriter(string path, SeriesRecorder recorder, SnapshotWriter snapshots, IReadOnlyDictionary<string, string> attributes) : ISimulationCallback
{
    /// <summary>File name in a run folder.</summary>
    public const string Name = "run.h5";

    /// <inheritdoc/>
    public void Invoke(Simulation.Simulation simulation) => Write();

    /// <summary>Writes the file now (also after a divergence, with what the run has).</summary>
    public void Write()
    {
        var table = new NumericTable(SeriesRow.Header, [.. recorder.Series.Select(r => r.ToArray())]);
        RunArchiveHdf5.Write(path, new RunArchive(table, snapshots.Taken, attributes));
    }
}

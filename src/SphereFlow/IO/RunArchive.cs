namespace SphereFlow.IO;

/// <summary>
/// What a run's HDF5 file holds (<see cref="RunArchiveHdf5"/>): the series table (the columns of series.csv) and
/// snapshots of ν_t, plus text attributes describing the run (solver, flow, …).
/// </summary>
/// <param name="Series">The series: column names and rows.</param>
/// <param name="Snapshots">Snapshots in time order.</param>
/// <param name="Attributes">Text attributes of the file's root (e.g. solver, flow, case).</param>
public sealed record RunArchive(NumericTable Series, IReadOnlyList<MeasureSnapshot> Snapshots, IReadOnlyDictionary<string, string> Attributes);

using SphereFlow.IO;
using SphereFlow.Meshes;
using SphereFlow.Solvers.Simulation;
using MeasureSnapshot = SphereFlow.IO.MeasureSnapshot;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// Snapshots of ν_t each time it is due (<c>output.snapshots</c>): a mesh run writes its cells as VTU with cell data
/// density and mass (<see cref="MeshSnapshotVtu"/>), a particle run its atoms as a VTP point cloud with mass
/// (<see cref="VtpWriter"/>), as the series <c>snapshots/nu_NNNNNN.vtu|vtp</c> indexed by <c>nu.pvd</c> (open it in
/// ParaView and press play). Every snapshot is also kept (a copy) for the HDF5 run file and handed to
/// <see cref="OnSnapshot"/> (e.g. a density picture).
/// </summary>
public sealed class SnapshotWriter : ISimulationCallback
{
    /// <summary>The series name: nu.pvd, snapshots/nu_NNNNNN.*.</summary>
    public const string SeriesName = "nu";

    private readonly VtkSnapshotSeries _series;
    private readonly List<MeasureSnapshot> _taken;

    /// <summary>A fresh series in <paramref name="directory"/>, or (<paramref name="earlier"/> given) the continuation of a resumed run's.</summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="earlier">The resumed run: its folder, and its snapshots up to the present step (from its run file), in order.</param>
    /// <param name="upTo">The present time of the resumed run.</param>
    public SnapshotWriter(string directory, (string Folder, IReadOnlyList<MeasureSnapshot> Snapshots)? earlier = null, double upTo = 0)
    {
        _series = earlier is { } e ? VtkSnapshotSeries.Resume(directory, SeriesName, e.Folder, upTo) : new VtkSnapshotSeries(directory, SeriesName);
        _taken = earlier is { } f ? [.. f.Snapshots] : [];
        if (_taken.Count != _series.Count)
            throw new InputException($"{Path.Combine(earlier?.Folder ?? directory, SeriesName + ".pvd")}: {_series.Count} snapshots up to t = {upTo:R}, but the run file holds {_taken.Count}; resume a run whose outputs are complete");
    }

    /// <summary>The snapshots so far (the resumed run's first).</summary>
    public IReadOnlyList<MeasureSnapshot> Taken => _taken;

    /// <summary>The ParaView index.</summary>
    public string IndexPath => _series.IndexPath;

    /// <summary>Called after each snapshot is written, with its index in the series.</summary>
    public Action<int, MeasureSnapshot>? OnSnapshot { get; init; }

    /// <inheritdoc/>
    public void Invoke(Simulation.Simulation simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var solver = simulation.Solver;
        if (_taken.Count > 0 && _taken[^1].Step == solver.Steps) return;
        var nu = solver.Current.Clone();
        MeasureSnapshot snapshot;
        if (solver.Mesh is { } mesh)
        {
            snapshot = new MeasureSnapshot(solver.Steps, solver.Time, nu, mesh.CellMeasures);
            _series.Add(solver.Time, "vtu", p => MeshSnapshotVtu.Write(p, mesh, nu.Mass));
        }
        else
        {
            snapshot = new MeasureSnapshot(solver.Steps, solver.Time, nu);
            _series.Add(solver.Time, "vtp", p => VtpWriter.Write(p, nu));
        }
        _taken.Add(snapshot);
        OnSnapshot?.Invoke(_taken.Count - 1, snapshot);
    }
}

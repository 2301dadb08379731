using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cases;

/// <summary>
/// The <c>output:</c> section (every, probes, bound_cells, bound_tolerance, blowup_factor, snapshots: {every | interval |
/// times}, checkpoint_wall_time, checkpoint_keep) ⇄ <see cref="OutputSpec"/>.
/// </summary>
public static class OutputYaml
{
    /// <summary>Reads the section; the probe default depends on the problem's ambient dimension.</summary>
    public static OutputSpec Read(CaseNode node, int ambientDim)
    {
        ArgumentNullException.ThrowIfNull(node);
        int every = node.Integer("every", 10, min: 1);
        int probes = node.Integer("probes", OutputSpec.DefaultProbes(ambientDim), min: 0, max: 10_000_000);
        int boundCells = node.Integer("bound_cells", 200_000, min: 0, max: 100_000_000);
        double boundTolerance = node.Number("bound_tolerance", 1e-9, min: 0, minExclusive: true);
        double blowup = node.Number("blowup_factor", 10, min: 1);
        SnapshotSpec? snapshots = null;
        if (node.Has("snapshots"))
        {
            var sn = node.Child("snapshots");
            snapshots = ReadSnapshots(node, sn);
            sn.RejectUnknown();
        }
        double? wall = node.Has("checkpoint_wall_time") ? node.Number("checkpoint_wall_time", min: 0, minExclusive: true) : null;
        int keep = node.Integer("checkpoint_keep", 1, min: 1, max: 1000);
        node.RejectUnknown();
        return new OutputSpec
        {
            Every = every, Probes = probes, BoundCells = boundCells, BoundTolerance = boundTolerance, BlowupFactor = blowup,
            Snapshots = snapshots, CheckpointWallTime = wall, CheckpointKeep = keep,
        };
    }

    private static SnapshotSpec ReadSnapshots(CaseNode output, CaseNode sn)
    {
        int given = (sn.Has("every") ? 1 : 0) + (sn.Has("interval") ? 1 : 0) + (sn.Has("times") ? 1 : 0);
        if (given != 1) throw output.Error("snapshots", "give exactly one of every (steps), interval (time) or times (a list), e.g. snapshots: {interval: 5}");
        if (sn.Has("every")) return new SnapshotSpec { Every = sn.Integer("every", min: 1) };
        if (sn.Has("interval")) return new SnapshotSpec { Interval = sn.Number("interval", min: 0, minExclusive: true) };
        var times = sn.Numbers("times")!;
        if (times.Length == 0 || times.Any(t => t < 0)) throw sn.Error("times", "expected a non-empty list of times ≥ 0");
        return new SnapshotSpec { Times = times };
    }

    /// <summary>The section as a tree; a default probe count is resolved when the ambient dimension is given, else left to the reader.</summary>
    public static Dictionary<string, object?> Write(OutputSpec output, int? ambientDim)
    {
        ArgumentNullException.ThrowIfNull(output);
        var t = YamlTree.Map();
        t["every"] = output.Every;
        if ((output.Probes ?? (ambientDim is { } dim ? OutputSpec.DefaultProbes(dim) : null)) is { } probes) t["probes"] = probes;
        t["bound_cells"] = output.BoundCells;
        t["bound_tolerance"] = output.BoundTolerance;
        t["blowup_factor"] = output.BlowupFactor;
        if (output.Snapshots is { } s)
        {
            var sn = YamlTree.Map();
            if (s.Every is { } e) sn["every"] = e;
            if (s.Interval is { } i) sn["interval"] = i;
            if (s.Times is { } times) sn["times"] = YamlTree.Numbers(times);
            t["snapshots"] = sn;
        }
        if (output.CheckpointWallTime is { } w) t["checkpoint_wall_time"] = w;
        t["checkpoint_keep"] = output.CheckpointKeep;
        return t;
    }
}

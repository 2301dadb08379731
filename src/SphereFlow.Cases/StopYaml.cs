using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cases;

/// <summary>The <c>stop:</c> section (energy_below, min_J_above, wall_time; all optional) ⇄ <see cref="StopSpec"/>.</summary>
public static class StopYaml
{
    /// <summary>Reads the section (absent: no criterion).</summary>
    public static StopSpec Read(CaseNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        double? energy = node.Has("energy_below") ? node.Number("energy_below") : null;
        double? minJ = node.Has("min_J_above") ? node.Number("min_J_above") : null;
        double? wall = node.Has("wall_time") ? node.Number("wall_time", min: 0, minExclusive: true) : null;
        node.RejectUnknown();
        return new StopSpec { EnergyBelow = energy, MinJAbove = minJ, WallTime = wall };
    }

    /// <summary>The section as a tree (only the criteria that are set; null when none is).</summary>
    public static Dictionary<string, object?>? Write(StopSpec stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        if (!stop.Any) return null;
        var t = YamlTree.Map();
        if (stop.EnergyBelow is { } e) t["energy_below"] = e;
        if (stop.MinJAbove is { } j) t["min_J_above"] = j;
        if (stop.WallTime is { } w) t["wall_time"] = w;
        return t;
    }
}

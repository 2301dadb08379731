using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cases;

/// <summary><c>sweep: {per_repetition: [seed keys], per_run: [seed keys]}</c> ⇄ <see cref="SweepSpec"/> (which seeds <c>sphereflow sweep</c> varies).</summary>
public static class SweepYaml
{
    /// <summary>Reads the section (both lists default to empty).</summary>
    public static SweepSpec Read(CaseNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new SweepSpec(node.Strings("per_repetition") ?? [], node.Strings("per_run") ?? []);
    }

    /// <summary>The mapping.</summary>
    public static Dictionary<string, object?> Write(SweepSpec sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var t = YamlTree.Map();
        t["per_repetition"] = sweep.PerRepetition.ToList();
        t["per_run"] = sweep.PerRun.ToList();
        return t;
    }
}

using SphereFlow.Flows;
using SphereFlow.IO;

namespace SphereFlow.Cases;

/// <summary>The <c>flow:</c> section (kind: wfr | wasserstein | birth-death, alpha, beta) ⇄ <see cref="FlowSpec"/>.</summary>
public static class FlowYaml
{
    /// <summary>Reads the flow; defaults α = 4 (0 for wasserstein), β = 1.</summary>
    public static FlowSpec Read(CaseNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var kind = FlowSpec.ParseKind(node.Choice("kind", ["wfr", "wasserstein", "birth-death"], "wfr"));
        double alpha = node.Number("alpha", kind == FlowKind.Wasserstein ? 0 : 4, min: 0);
        double beta = node.Number("beta", 1, min: 0, minExclusive: true);
        node.RejectUnknown();
        try { return new FlowSpec(kind, alpha, beta); }
        catch (ArgumentException e) { throw new InputException($"{node.File}: {node.Path}: {e.Message}", e); }
    }

    /// <summary>The section as a tree.</summary>
    public static Dictionary<string, object?> Write(FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var t = YamlTree.Map();
        t["kind"] = flow.KindName;
        t["alpha"] = flow.Alpha;
        t["beta"] = flow.Beta;
        return t;
    }
}

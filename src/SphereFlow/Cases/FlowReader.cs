using SphereFlow.Flows;
using SphereFlow.IO;

namespace SphereFlow.Cases;

/// <summary>Reads the <c>flow:</c> section: kind (wfr | wasserstein | birth-death), alpha, beta.</summary>
public static class FlowReader
{
    /// <summary>Builds the flow; defaults α = 4 (0 for wasserstein), β = 1.</summary>
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
}

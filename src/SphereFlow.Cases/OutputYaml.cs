using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cases;

/// <summary>The <c>output:</c> section (every, probes, bound_cells, bound_tolerance, blowup_factor) ⇄ <see cref="OutputSpec"/>.</summary>
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
        node.RejectUnknown();
        return new OutputSpec { Every = every, Probes = probes, BoundCells = boundCells, BoundTolerance = boundTolerance, BlowupFactor = blowup };
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
        return t;
    }
}

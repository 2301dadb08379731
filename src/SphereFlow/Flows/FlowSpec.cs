namespace SphereFlow.Flows;

/// <summary>
/// A flow of the family ∂_t ν = −α ν (J − s) + β div_s(ν ∇_s J) with reaction rate α ≥ 0, transport rate β &gt; 0,
/// and shift s = 0 (WFR, Wasserstein) or s = J̄ = ∫J dν / ν(S^d) (birth–death).
/// </summary>
public sealed record FlowSpec
{
    /// <summary>Creates a flow; Wasserstein forces α = 0.</summary>
    public FlowSpec(FlowKind kind, double alpha, double beta)
    {
        if (!double.IsFinite(alpha) || alpha < 0) throw new ArgumentException($"flow alpha must be finite and ≥ 0 (got {alpha})");
        if (!double.IsFinite(beta) || beta <= 0) throw new ArgumentException($"flow beta must be finite and > 0 (got {beta})");
        if (kind == FlowKind.Wasserstein && alpha != 0) throw new ArgumentException("the wasserstein flow has alpha = 0");
        Kind = kind; Alpha = alpha; Beta = beta;
    }

    /// <summary>Which flow.</summary>
    public FlowKind Kind { get; }
    /// <summary>Reaction rate α.</summary>
    public double Alpha { get; }
    /// <summary>Transport rate β.</summary>
    public double Beta { get; }

    /// <summary>The paper's lifted flow (4.3): α = 4, β = 1, equal to gradient flow of the weights w_j = r_j η_j.</summary>
    public static FlowSpec Lifted => new(FlowKind.Wfr, 4, 1);

    /// <summary>True when total mass is conserved by the continuous flow.</summary>
    public bool ConservesMass => Kind != FlowKind.Wfr || Alpha == 0;

    /// <summary>Case-file name of the kind.</summary>
    public string KindName => Name(Kind);

    /// <summary>Case-file name of a kind.</summary>
    public static string Name(FlowKind kind) => kind switch
    {
        FlowKind.Wfr => "wfr",
        FlowKind.Wasserstein => "wasserstein",
        FlowKind.BirthDeath => "birth-death",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses a case-file name.</summary>
    public static FlowKind ParseKind(string name) => name switch
    {
        "wfr" => FlowKind.Wfr,
        "wasserstein" => FlowKind.Wasserstein,
        "birth-death" => FlowKind.BirthDeath,
        _ => throw new ArgumentException($"unknown flow kind '{name}' (known: wfr, wasserstein, birth-death)"),
    };

    /// <summary>The reaction shift s: 0, or the mass-weighted mean J̄ for birth–death.</summary>
    public double Shift(ReadOnlySpan<double> mass, ReadOnlySpan<double> j)
    {
        if (Kind != FlowKind.BirthDeath) return 0;
        double mj = 0, m = 0;
        for (int i = 0; i < mass.Length; i++) { mj += mass[i] * j[i]; m += mass[i]; }
        return m > 0 ? mj / m : 0;
    }
}

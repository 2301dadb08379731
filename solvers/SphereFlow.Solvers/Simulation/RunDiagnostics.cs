using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// The diagnostics of a run (<see cref="MeasureDiagnostics"/>: energy, mass, min J over atoms and probes, ∫J dν,
/// dissipation, certificate), computed at most once per step and shared by the callbacks that need them (divergence
/// check, series recorder, stop criteria). F(ν₀) is kept as <see cref="InitialEnergy"/>.
/// </summary>
public sealed class RunDiagnostics
{
    private readonly double[] _probes;
    private readonly Certificates.MinJOptions _minJ;
    private long _at = -1;
    private Snapshot _snapshot;

    /// <summary>
    /// Diagnoses <paramref name="solver"/>'s measure with weight decay <paramref name="lambda"/> (certificate), extra probe
    /// points (row-major) for the estimate of min J and the settings of its rigorous lower bound (<paramref name="minJ"/>;
    /// default: the bound where one exists).
    /// </summary>
    public RunDiagnostics(ISolver solver, double lambda, double[] probes, Certificates.MinJOptions? minJ = null)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(probes);
        Solver = solver; Lambda = lambda; _probes = probes; _minJ = minJ ?? new Certificates.MinJOptions();
    }

    /// <summary>The solver.</summary>
    public ISolver Solver { get; }

    /// <summary>Weight decay λ of the certificate.</summary>
    public double Lambda { get; }

    /// <summary>F(ν₀): the energy of the first diagnosed state of a fresh run, or the restored value of a resumed one (NaN before).</summary>
    public double InitialEnergy { get; private set; } = double.NaN;

    /// <summary>The diagnostics of the present state (computed on first use at each step).</summary>
    public Snapshot Current
    {
        get
        {
            if (_at != Solver.Steps)
            {
                _snapshot = MeasureDiagnostics.Compute(Solver.Objective, Solver.Flow, Solver.Current, Lambda, _probes, _minJ);
                _at = Solver.Steps;
                if (double.IsNaN(InitialEnergy)) InitialEnergy = _snapshot.Energy;
            }
            return _snapshot;
        }
    }

    /// <summary>Sets F(ν₀) of a resumed run (from its series).</summary>
    public void RestoreInitialEnergy(double energy) => InitialEnergy = energy;
}

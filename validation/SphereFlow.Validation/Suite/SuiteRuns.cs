using System.Globalization;
using SphereFlow.Cases;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Validation.Suite;

/// <summary>Shared helpers of the validation cases: load a bundled case, run a case derived from it into a sub-folder, format numbers.</summary>
public static class SuiteRuns
{
    /// <summary>Reads and builds a bundled case.</summary>
    public static SimulationCase Load(ValidationContext context, string caseFile)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CaseReader.Load(context.Case(caseFile));
    }

    /// <summary>
    /// Builds <paramref name="spec"/> (derived from <paramref name="origin"/> with <c>with { … }</c>; its problem is reused when
    /// unchanged) and runs it into <c>context.Dir/sub</c> (series.csv, summary.json, final.csv, case.resolved.yaml…).
    /// </summary>
    public static (SimulationCase Case, CaseRunResult Result) RunCase(ValidationContext context, SimulationCase origin, CaseSpec spec, string sub)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(spec);
        var c = spec.Build(spec.Problem == origin.Spec.Problem ? origin.Problem : null);
        var r = CaseRunner.Run(c, context.File(sub), caseText: CaseWriter.Write(c));
        if (r.Diverged is not null) throw r.Diverged;
        var last = r.Simulation.Series[^1];
        context.Say($"{sub}: t = {last.T:G4}, F = {last.Diagnostics.Energy:E3} (F0 = {r.Simulation.InitialEnergy:E3}), {c.Solver.Steps} steps, {r.Simulation.WallSeconds:F1} s");
        return (c, r);
    }

    /// <summary>Invariant "E3" formatting.</summary>
    public static string E(double v) => v.ToString("E3", CultureInfo.InvariantCulture);

    /// <summary>Invariant "G4" formatting.</summary>
    public static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}

using System.Globalization;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Validation.Suite;

/// <summary>Shared helpers of the validation cases: run a bundled case with overrides into a sub-folder, format numbers.</summary>
public static class SuiteRuns
{
    /// <summary>Loads a bundled case with overrides and runs it into <c>context.Dir/sub</c> (series.csv, summary.json, final.csv…).</summary>
    public static (SimulationCase Case, CaseRunResult Result) RunCase(ValidationContext context, string caseFile, string sub, params string[] overrides)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = SimulationCase.Load(context.Case(caseFile), overrides);
        var r = CaseRunner.Run(c, context.File(sub));
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

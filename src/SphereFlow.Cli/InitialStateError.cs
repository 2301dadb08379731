using SphereFlow.IO;
using SphereFlow.Solvers.Simulation;

namespace SphereFlow.Cli;

/// <summary>
/// A run that "diverges" before its first step was never running: its initial measure or data give a non-finite F(ν₀).
/// That is bad input, so it is reported as such (exit 2), naming the initial-measure file when the case has one.
/// </summary>
public static class InitialStateError
{
    /// <summary>The input error for a divergence at step 0 with no recorded row, or null when the run did start.</summary>
    public static InputException? From(SimulationCase c, CaseRunResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Diverged is not { Step: 0 } d || result.Simulation.Series.Count > 0) return null;
        string source = c.Resolved.TryGetValue("solver", out var s) && s is Dictionary<string, object?> solver
                        && solver.TryGetValue("init", out var i) && i is Dictionary<string, object?> init
                        && init.TryGetValue("path", out var p) && p is string path
            ? $"{path}: the initial measure"
            : $"{c.Path}: solver.init: the initial measure (with problem.data)";
        return new InputException($"{source} gives a non-finite initial energy ({d.Quantity} = {d.Value:R}); check its masses and points", d);
    }
}

using SphereFlow.IO;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Output;
using SphereFlow.Solvers.Particles;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Solvers.Weights;

namespace SphereFlow.Cli;

/// <summary>
/// A run that "diverges" before its first step was never running: its initial measure or data give a non-finite F(ν₀).
/// That is bad input, so it is reported as such (exit 2), naming the initial-measure file when the case has one.
/// </summary>
public static class InitialStateError
{
    /// <summary>The input error for a divergence at step 0 with no recorded row, or null when the run did start.</summary>
    public static InputException? From(string casePath, SimulationCase c, CaseRunResult result)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Diverged is not { Step: 0 } d || result.Simulation.Series.Count > 0) return null;
        string? path = c.Spec.Solver switch
        {
            ParticleSolverSpec { Init: CsvParticleInit csv } => csv.Path,
            WeightSolverSpec { Init: CsvParticleInit csv } => csv.Path,
            SgdSolverSpec { Init: CsvParticleInit csv } => csv.Path,
            MeshSolverSpec { Init: CsvDensity csv } => csv.Path,
            _ => null,
        };
        string source = path is not null ? $"{path}: the initial measure" : $"{casePath}: solver.init: the initial measure (with problem.data)";
        return new InputException($"{source} gives a non-finite initial energy ({d.Quantity} = {d.Value:R}); check its masses and points", d);
    }
}

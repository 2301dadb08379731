namespace SphereFlow.Solvers.Stepping;

/// <summary>
/// A counter a solver reports about its run (<see cref="ISolver.Statistics"/>), written to <c>summary.json</c> under
/// <see cref="Name"/>: e.g. unresolved energy rises of the mesh solver, particles killed and cloned by stochastic
/// birth–death, stage masses clipped at zero.
/// </summary>
/// <param name="Name">Key in summary.json (snake_case).</param>
/// <param name="Value">The count so far (checkpointed with the solver's state).</param>
/// <param name="Description">What it counts.</param>
public sealed record SolverStatistic(string Name, long Value, string Description);

using SphereFlow.Flows;
using SphereFlow.IO;
using SphereFlow.Problems;
using SphereFlow.Solvers.BirthDeath;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Solvers.Stepping;

namespace SphereFlow.Solvers.Particles;

/// <summary>
/// The Lagrangian solver (<c>solver: {kind: particles, m, init, stepper, tolerance}</c>): m particles advanced by a
/// registered stepper (<see cref="ParticleSteppers"/>); for <c>flow.kind: birth-death</c> the birth–death particles of
/// <see cref="BirthDeath"/> (default: deterministic weights, never switched off).
/// </summary>
public sealed record ParticleSolverSpec : AtomSolverSpec
{
    /// <summary>Stepper name (<see cref="ParticleSteppers"/>).</summary>
    public string Stepper { get; init; } = "rk4";
    /// <summary>Local error tolerance of the adaptive stepper.</summary>
    public double Tolerance { get; init; } = 1e-8;
    /// <summary>Birth–death settings (only for <c>flow.kind: birth-death</c>; null: the defaults there).</summary>
    public BirthDeathSpec? BirthDeath { get; init; }

    /// <inheritdoc/>
    public override string Kind => "particles";

    /// <inheritdoc/>
    public override IEnumerable<Resources.MemoryTerm> Memory(Resources.MemoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        long m = Resources.MemoryModel.Atoms(Init, M);
        int stages = Resources.MemoryModel.Stages(Stepper);
        yield return new($"particles: m = {m} in R^{context.AmbientDim}, {Stepper} ({stages} stages)", "solver.m",
                         Resources.MemoryModel.Particles(m, context.AmbientDim, stages) + Resources.MemoryModel.ReluProductCache(m, context.DataPoints, context.Features, context.InputDim));
        if (Resources.MemoryModel.InitMesh(Init, context.AmbientDim) is { } mesh) yield return mesh;
    }

    /// <inheritdoc/>
    public override ISolver Build(Problem problem, FlowSpec flow)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(flow);
        var initial = Init.BuildFor(M, problem.AmbientDim);
        var stepper = SpecException.Within("stepper", () => ParticleSteppers.Create(Stepper, new ParticleStepperOptions(Tolerance)));
        if (flow.Kind != FlowKind.BirthDeath)
        {
            if (BirthDeath is not null) throw new SpecException("birth_death", "applies to flow.kind: birth-death only");
            return new ParticleSolver(problem.Functional, flow, initial, stepper);
        }
        var bd = BirthDeath ?? new BirthDeathSpec();
        return new BirthDeathParticleSolver(problem.Functional, flow, initial, stepper, bd.Mode, bd.Until, bd.Seed);
    }
}

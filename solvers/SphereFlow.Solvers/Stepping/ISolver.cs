using SphereFlow.Flows;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;

namespace SphereFlow.Solvers.Stepping;

/// <summary>
/// A time integrator of one flow on one problem: particles or a mesh. Its state is a <see cref="Measure"/>
/// (particles, or cell masses at cell centres) so that every diagnostic works on either.
/// </summary>
public interface ISolver
{
    /// <summary>The solver: "particles", "weights", "sgd" or "mesh".</summary>
    string Name { get; }

    /// <summary>Time-stepper name.</summary>
    string Stepper { get; }

    /// <summary>The one string that names what this solver integrates and how, e.g. <c>particles/rk4+bd-stochastic</c>; a checkpoint resumes only into a solver of the same kind.</summary>
    string Kind => $"{Name}/{Stepper}";

    /// <summary>The objective F.</summary>
    IObjective Objective { get; }

    /// <summary>The flow.</summary>
    FlowSpec Flow { get; }

    /// <summary>The current measure (live: do not modify).</summary>
    Measure Current { get; }

    /// <summary>The mesh whose cells the atoms of <see cref="Current"/> are (mesh solvers), or null (particles): outputs and plots add cell data from it.</summary>
    SphereMesh? Mesh => null;

    /// <summary>Time, accepted steps and work counters (checkpointed by the caller, before <see cref="WriteState"/>).</summary>
    SolverClock Clock { get; }

    /// <summary>Current time.</summary>
    double Time => Clock.Time;

    /// <summary>Accepted steps so far.</summary>
    long Steps => Clock.Steps;

    /// <summary>
    /// Whether F is non-increasing along the exact dynamics this solver integrates (true for every deterministic flow;
    /// false for online SGD and stochastic birth–death, whose energy is noisy). Runs count energy rises only when true.
    /// </summary>
    bool DecreasesEnergy => true;

    /// <summary>Counters of the run besides the clock's (e.g. unresolved energy rises, kills and clones), for summary.json.</summary>
    IReadOnlyList<SolverStatistic> Statistics => [];

    /// <summary>
    /// Advances by one accepted step of at most <paramref name="dtMax"/> (the solver may take less: CFL bound, error
    /// control, rejected steps).
    /// </summary>
    StepReport Advance(double dtMax);

    /// <summary>Writes the rest of the state needed to continue bit-for-bit (the <see cref="Clock"/> is written by the caller).</summary>
    void WriteState(BinaryWriter writer);

    /// <summary>Restores a state written by <see cref="WriteState"/>.</summary>
    void ReadState(BinaryReader reader);
}

/// <summary>What one accepted step did.</summary>
/// <param name="Dt">Step taken.</param>
/// <param name="Rejections">Steps rejected (and retried smaller) before this one was accepted.</param>
/// <param name="Cfl">CFL number of the step (mesh: Δt·max_K Σ|σ|u⁺/|K|; particles: NaN).</param>
/// <param name="Evaluations">Evaluations of J (right-hand sides) used.</param>
public readonly record struct StepReport(double Dt, int Rejections, double Cfl, int Evaluations);

using SphereFlow.Data;
using SphereFlow.IO;
using SphereFlow.Losses;
using SphereFlow.Objectives;

namespace SphereFlow.Problems;

/// <summary>
/// Teacher–student data (<c>problem.data: {kind: teacher, …}</c>): inputs x ~ N(0, I_k), targets from a ReLU teacher of
/// m0 neurons (random from <see cref="Seed"/>, or given as <see cref="Neurons"/>), sampled by angular quadrature (k = 2),
/// Monte Carlo, or replaced by the exact Gaussian population objective (<c>population</c>: closed-form arc-cosine kernel,
/// relu features and square loss only; the n Monte Carlo points are then a held-out sample).
/// </summary>
public sealed record TeacherDataSpec : DataSpec
{
    /// <summary>Sampling modes.</summary>
    public static readonly string[] SamplingModes = ["quadrature", "montecarlo", "population"];

    /// <summary>Sign rules of a random teacher.</summary>
    public static readonly string[] SignRules = ["alternate", "random"];

    /// <summary>Input dimension k.</summary>
    public int K { get; init; } = 2;
    /// <summary>Teacher width m0.</summary>
    public int M0 { get; init; } = 4;
    /// <summary>Seed of the teacher and the Monte Carlo sample.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>quadrature | montecarlo | population; null: <see cref="DefaultSampling"/>.</summary>
    public string? Sampling { get; init; }
    /// <summary>Sample size n; null: <see cref="DefaultN"/>.</summary>
    public int? N { get; init; }
    /// <summary>Output signs of a random teacher: <c>alternate</c> (+1, −1, …; balanced) or <c>random</c> (iid ±1, the paper's notebook).</summary>
    public string Signs { get; init; } = "alternate";
    /// <summary>The teacher's neurons as rows [a, b0, …, b{k−1}] (null: random).</summary>
    public IReadOnlyList<double[]>? Neurons { get; init; }

    /// <inheritdoc/>
    public override string Kind => "teacher";

    /// <summary>Default sampling for input dimension k: quadrature when k = 2, Monte Carlo otherwise.</summary>
    public static string DefaultSampling(int k) => k == 2 ? "quadrature" : "montecarlo";

    /// <summary>Default sample size of a sampling mode.</summary>
    public static int DefaultN(string sampling) => sampling switch { "quadrature" => 720, "population" => 1000, _ => 10000 };

    /// <summary>The sampling used.</summary>
    public string ResolvedSampling => Sampling ?? DefaultSampling(K);

    /// <summary>The sample size used.</summary>
    public int ResolvedN => N ?? DefaultN(ResolvedSampling);

    /// <summary>The teacher network.</summary>
    public TeacherNetwork CreateTeacher()
    {
        if (!SignRules.Contains(Signs)) throw new SpecException("signs", $"'{Signs}' is not one of {string.Join(", ", SignRules)}");
        if (Neurons is null) return TeacherNetwork.Random(K, M0, Seed, randomSigns: Signs == "random");
        if (Neurons.Count != M0 || Neurons.Any(r => r.Length != K + 1))
            throw new SpecException("neurons", $"expected m0 = {M0} rows [a, b0, …, b{K - 1}]");
        return new TeacherNetwork([.. Neurons.Select(r => r[0])], [.. Neurons.SelectMany(r => r.Skip(1))], K);
    }

    /// <inheritdoc/>
    public override (long Points, int InputDim) Shape(ProblemSpec problem) => (ResolvedN, K);

    /// <inheritdoc/>
    public override Problem Build(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        string sampling = ResolvedSampling;
        if (!SamplingModes.Contains(sampling)) throw new SpecException("sampling", $"'{sampling}' is not one of {string.Join(", ", SamplingModes)}");
        var teacher = CreateTeacher();
        var data = sampling == "quadrature" ? teacher.AngularQuadrature(ResolvedN) : teacher.MonteCarlo(ResolvedN, Seed + 7919);
        var features = problem.CreateFeatures(K);
        IObjective? population = null;
        if (sampling == "population")
        {
            // Closed form (arc-cosine kernel); the n Monte Carlo points are a held-out sample for plots and the mesh solver.
            if (problem.Features != "relu" || problem.Loss != "square")
                throw new SpecException("sampling", "population (closed-form Gaussian) needs features: relu and loss: square");
            population = new GaussianPopulationObjective(teacher, problem.Lambda);
        }
        return new Problem(data, features, LossRegistry.Create(problem.Loss), problem.Lambda, teacher: teacher, functional: population);
    }
}

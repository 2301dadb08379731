using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Losses;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Objectives;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Particles;
using SphereFlow.Tests.FiniteVolume;

namespace SphereFlow.Tests.Properties;

/// <summary>
/// A data-fitting problem: a registered feature map, a registered loss, n data points of the right kind drawn from a
/// seed, and λ. Small numbers, so that a counterexample prints readably and shrinks toward fewer points and λ = 0.
/// </summary>
public sealed record ProblemSpec(string Features, int InputDim, int Points, string Loss, double Lambda, int Seed, double Kappa, int Cutoff)
{
    /// <summary>The feature map.</summary>
    public IFeatureMap Map() => FeatureMaps.Create(Features, new FeatureOptions(InputDim, Kappa, Cutoff));

    /// <summary>The ambient dimension d + 1 of the map's sphere.</summary>
    public int AmbientDim => Map().AmbientDim;

    /// <summary>Inputs of the map's kind: Gaussian in R^k (ReLU maps), uniform on S^{k−1} (von Mises), angles (Dirichlet).</summary>
    public WeightedData Data()
    {
        var rng = new Random(Seed);
        int k = InputDim, n = Points;
        var rows = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            var x = rows.AsSpan(i * k, k);
            if (Features == "dirichlet") x[0] = 2 * Math.PI * rng.NextDouble();
            else if (Features == "vonmises") Sphere.SampleUniform(rng, x);
            else for (int c = 0; c < k; c++) x[c] = Sphere.Gaussian(rng);
        }
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = Loss == "logistic" ? (rng.NextDouble() < 0.5 ? -1 : 1) : Sphere.Gaussian(rng);
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = (0.5 + rng.NextDouble()) / n;
        return WeightedData.FromRows(k, rows, y, w);
    }

    /// <summary>F(ν) = Σ ω_i ℓ(h(x_i), y_i) + λ ν(S^d).</summary>
    public NetworkObjective Objective() => new(Data(), Map(), LossRegistry.Create(Loss), Lambda);

    /// <summary>The input dimension that puts <paramref name="features"/> on the sphere of R^<paramref name="ambientDim"/>, or 0 when none does.</summary>
    public static int InputDimFor(string features, int ambientDim) => features switch
    {
        "relu" => ambientDim - 1,
        "relu-bias" => ambientDim >= 3 ? ambientDim - 2 : 0,
        "vonmises" => ambientDim,
        "dirichlet" => ambientDim == 2 ? 1 : 0,
        _ => 0,
    };

    /// <summary>Simpler problems: fewer points, λ = 0, seed 0, square loss.</summary>
    public IEnumerable<ProblemSpec> Shrink()
    {
        if (Points > 1) yield return this with { Points = Points / 2 };
        if (Lambda != 0) yield return this with { Lambda = 0 };
        if (Loss != "square") yield return this with { Loss = "square" };
        if (Seed != 0) yield return this with { Seed = 0 };
    }
}

/// <summary>
/// An atomic measure of <see cref="Count"/> atoms uniform on the sphere with masses in [0.2, 1.2)/Count; <see cref="Zeros"/>
/// atoms get mass exactly 0 and, when <see cref="Tiny"/>, one atom gets mass 1e-150.
/// </summary>
public sealed record MeasureSpec(int Count, int Seed, int Zeros, bool Tiny)
{
    /// <summary>The measure on the sphere of R^<paramref name="ambientDim"/>.</summary>
    public Measure Build(int ambientDim)
    {
        var rng = new Random(Seed);
        var nu = new Measure(ambientDim, Count);
        for (int j = 0; j < Count; j++)
        {
            Sphere.SampleUniform(rng, nu.Point(j));
            nu.Mass[j] = (0.2 + rng.NextDouble()) / Count;
        }
        for (int z = 0; z < Math.Min(Zeros, Count - 1); z++) nu.Mass[(z * 7 + Seed % Count + Count) % Count] = 0;
        if (Tiny && Count > 1) nu.Mass[Count - 1] = 1e-150;
        return nu;
    }

    /// <summary>Simpler measures: fewer atoms, no zero or tiny masses, seed 0.</summary>
    public IEnumerable<MeasureSpec> Shrink()
    {
        if (Count > 1) yield return this with { Count = Count / 2 };
        if (Zeros > 0) yield return this with { Zeros = 0 };
        if (Tiny) yield return this with { Tiny = false };
        if (Seed != 0) yield return this with { Seed = 0 };
    }
}

/// <summary>A flow of the family: kind, α (0 for Wasserstein) and β.</summary>
public sealed record FlowChoice(FlowKind Kind, double Alpha, double Beta)
{
    /// <summary>The flow.</summary>
    public FlowSpec Build() => new(Kind, Kind == FlowKind.Wasserstein ? 0 : Alpha, Beta);

    /// <summary>Simpler flows: α, β toward 1.</summary>
    public IEnumerable<FlowChoice> Shrink()
    {
        if (Alpha != 1 && Kind != FlowKind.Wasserstein) yield return this with { Alpha = 1 };
        if (Beta != 1) yield return this with { Beta = 1 };
    }
}

/// <summary>A particle run: problem, initial measure, flow and a registered particle stepper.</summary>
public sealed record ParticleCase(ProblemSpec Problem, MeasureSpec Measure, FlowChoice Flow, string Stepper)
{
    /// <summary>The initial measure on the problem's sphere.</summary>
    public Measure Initial() => Measure.Build(Problem.AmbientDim);

    /// <summary>A fresh stepper (adaptive: local tolerance 1e-9).</summary>
    public IParticleStepper NewStepper() => ParticleSteppers.Create(Stepper, new ParticleStepperOptions(1e-9));

    /// <summary>The solver of <see cref="Flow"/> with a fresh stepper (birth–death flows: deterministic weights).</summary>
    public ParticleSolver Solver() => Solver(Initial());

    /// <summary>The case's solver started from another measure (a permuted, split or perturbed copy).</summary>
    public ParticleSolver Solver(Measure start) => new(Problem.Objective(), Flow.Build(), start, NewStepper());
}

/// <summary>A mesh run with a prescribed smooth potential: registered mesh (index into <see cref="Generators.Meshes"/>), stepper, limiter, flow.</summary>
public sealed record MeshCase(int Mesh, string Stepper, SlopeLimiter Limiter, FlowChoice Flow, int PotentialSeed, int MassSeed, int ZeroPercent)
{
    /// <summary>The mesh.</summary>
    public SphereMesh Grid => Generators.Meshes[Mesh];

    /// <summary>A random smooth potential J(η) = a·η + Σ b_i exp(κ_i(η·c_i − 1)).</summary>
    public PrescribedPotential Potential() => FvTestSupport.RandomPotential(Grid.AmbientDim, new Random(PotentialSeed));

    /// <summary>Random cell masses, a share <see cref="ZeroPercent"/> of them exactly 0.</summary>
    public double[] Masses()
    {
        var rng = new Random(MassSeed);
        var m = new double[Grid.CellCount];
        for (int k = 0; k < m.Length; k++) m[k] = rng.Next(100) < ZeroPercent ? 0 : rng.NextDouble() * Grid.CellMeasures[k];
        if (m.All(x => x == 0)) m[0] = Grid.CellMeasures[0];
        return m;
    }

    /// <summary>The solver on the prescribed potential.</summary>
    public MeshSolver Solver(MeshSolverOptions? options = null) =>
        new(Potential(), Flow.Build(), Grid, Masses(), MeshSteppers.Create(Stepper), (options ?? new MeshSolverOptions()) with { Limiter = Limiter });

    /// <summary>A description that names the mesh.</summary>
    public override string ToString() =>
        $"MeshCase {{ Mesh = {Grid.Kind} S^{Grid.SphereDim} level {Grid.Level} ({Grid.CellCount} cells), Stepper = {Stepper}, Limiter = {Limiter}, Flow = {Flow}, PotentialSeed = {PotentialSeed}, MassSeed = {MassSeed}, ZeroPercent = {ZeroPercent} }}";
}

/// <summary>A mesh run of a data-fitting problem whose feature map lives on the mesh's sphere.</summary>
public sealed record MeshProblemCase(int Mesh, string Stepper, FlowChoice Flow, ProblemSpec Problem, int MassSeed)
{
    /// <summary>The mesh.</summary>
    public SphereMesh Grid => Generators.Meshes[Mesh];

    /// <summary>Random positive cell masses of total about 1.</summary>
    public double[] Masses()
    {
        var rng = new Random(MassSeed);
        var m = new double[Grid.CellCount];
        for (int k = 0; k < m.Length; k++) m[k] = (0.2 + rng.NextDouble()) * Grid.CellMeasures[k] / Grid.TotalMeasure;
        return m;
    }

    /// <summary>A description that names the mesh.</summary>
    public override string ToString() =>
        $"MeshProblemCase {{ Mesh = {Grid.Kind} S^{Grid.SphereDim} level {Grid.Level} ({Grid.CellCount} cells), Stepper = {Stepper}, Flow = {Flow}, Problem = {Problem}, MassSeed = {MassSeed} }}";
}

/// <summary>
/// FsCheck generators with shrinkers for the solver properties: problems over every registered feature map and loss,
/// atomic measures with zero and tiny masses, flows of every kind, every registered particle and mesh stepper, every
/// registered mesh kind (small levels, d = 1, 2, 3). New registrations are picked up by themselves.
/// </summary>
public static class Generators
{
    /// <summary>Small meshes of every registered kind and dimension (S^1 uniform arcs first).</summary>
    public static readonly SphereMesh[] Meshes = [.. FvTestSupport.SmallMeshes()];

    private static Gen<double> Tenths(int lo, int hi) => Gen.Choose(lo, hi).Select(i => i / 10.0);

    /// <summary>A problem for a given feature map on the sphere of R^<paramref name="ambientDim"/> (0: any fitting dimension).</summary>
    public static Gen<ProblemSpec> Problem(string features, int ambientDim = 0) =>
        from ambient in ambientDim > 0 ? Gen.Constant(ambientDim) : Gen.Elements(AmbientDims(features))
        from n in Gen.Choose(1, 24)
        from loss in Gen.Elements(LossRegistry.Names.ToArray())
        from lambda in Gen.Elements(0.0, 0.01, 0.1, 0.5)
        from seed in Gen.Choose(0, 1_000_000)
        from kappa in Tenths(5, 50)
        from cutoff in Gen.Choose(1, 4)
        select new ProblemSpec(features, ProblemSpec.InputDimFor(features, ambient), n, loss, lambda, seed, kappa, cutoff);

    private static int[] AmbientDims(string features) => [.. Enumerable.Range(2, 3).Where(a => ProblemSpec.InputDimFor(features, a) > 0)];

    /// <summary>A problem over any registered feature map.</summary>
    public static Gen<ProblemSpec> AnyProblem() => Gen.Elements(FeatureMaps.Names.ToArray()).SelectMany(f => Problem(f));

    /// <summary>A measure of 1–8 atoms, sometimes with zero and tiny masses.</summary>
    public static Gen<MeasureSpec> MeasureGen() =>
        from count in Gen.Choose(1, 8)
        from seed in Gen.Choose(0, 1_000_000)
        from zeros in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 3)))
        from tiny in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new MeasureSpec(count, seed, zeros, tiny);

    /// <summary>A flow of any kind with α ∈ [0.5, 4], β ∈ [0.2, 2].</summary>
    public static Gen<FlowChoice> FlowGen(params FlowKind[] kinds) =>
        from kind in Gen.Elements(kinds.Length > 0 ? kinds : Enum.GetValues<FlowKind>())
        from alpha in Tenths(5, 40)
        from beta in Tenths(2, 20)
        select new FlowChoice(kind, kind == FlowKind.Wasserstein ? 0 : alpha, beta);

    /// <summary>Particle runs over every registered feature map, loss, flow and particle stepper.</summary>
    public static Arbitrary<ParticleCase> ParticleCases() => Arb.From(
        from p in AnyProblem()
        from m in MeasureGen()
        from f in FlowGen()
        from s in Gen.Elements(ParticleSteppers.Names.ToArray())
        select new ParticleCase(p, m, f, s),
        c => c.Problem.Shrink().Select(p => c with { Problem = p })
              .Concat(c.Measure.Shrink().Select(m => c with { Measure = m }))
              .Concat(c.Flow.Shrink().Select(f => c with { Flow = f })));

    /// <summary>Mesh runs with prescribed potentials over every registered mesh, mesh stepper, limiter and flow.</summary>
    public static Arbitrary<MeshCase> MeshCases() => Arb.From(
        from mesh in Gen.Choose(0, Meshes.Length - 1)
        from s in Gen.Elements(MeshSteppers.Names.ToArray())
        from limiter in Gen.Elements(Enum.GetValues<SlopeLimiter>())
        from f in FlowGen()
        from ps in Gen.Choose(0, 1_000_000)
        from ms in Gen.Choose(0, 1_000_000)
        from zeros in Gen.Elements(0, 0, 20, 60)
        select new MeshCase(mesh, s, limiter, f, ps, ms, zeros),
        c => MeshShrinks(c));

    private static IEnumerable<MeshCase> MeshShrinks(MeshCase c)
    {
        if (c.Mesh > 0) yield return c with { Mesh = 0 };
        if (c.Limiter != SlopeLimiter.None) yield return c with { Limiter = SlopeLimiter.None };
        if (c.ZeroPercent != 0) yield return c with { ZeroPercent = 0 };
        foreach (var f in c.Flow.Shrink()) yield return c with { Flow = f };
    }

    /// <summary>Mesh runs of data-fitting problems (a feature map that lives on the mesh's sphere) over every mesh stepper and flow.</summary>
    public static Arbitrary<MeshProblemCase> MeshProblemCases() => Arb.From(
        from mesh in Gen.Choose(0, Meshes.Length - 1)
        let dim = Meshes[mesh].AmbientDim
        from features in Gen.Elements(FeatureMaps.Names.Where(f => ProblemSpec.InputDimFor(f, dim) > 0).ToArray())
        from p in Problem(features, dim)
        from s in Gen.Elements(MeshSteppers.Names.ToArray())
        from f in FlowGen()
        from ms in Gen.Choose(0, 1_000_000)
        select new MeshProblemCase(mesh, s, f, p, ms),
        c => c.Problem.Shrink().Select(p => c with { Problem = p }).Concat(c.Flow.Shrink().Select(f => c with { Flow = f })));

    /// <summary>Flows of every kind.</summary>
    public static Arbitrary<FlowChoice> FlowChoices() => Arb.From(FlowGen(), f => f.Shrink());

    /// <summary>Problems over every registered feature map and loss.</summary>
    public static Arbitrary<ProblemSpec> Problems() => Arb.From(AnyProblem(), p => p.Shrink());

    /// <summary>Measures (dimension chosen by the property).</summary>
    public static Arbitrary<MeasureSpec> Measures() => Arb.From(MeasureGen(), m => m.Shrink());
}

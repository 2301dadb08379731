using System.Text;
using SphereFlow.Data;
using SphereFlow.Geometry;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Particles;
using SphereFlow.Plots;
using static SphereFlow.Validation.Suite.SuiteRuns;

namespace SphereFlow.Validation.Suite;

/// <summary>
/// Paper figure 2 (Bach &amp; Chizat, ICM 2022, §4.4): teacher with m0 = 4 ReLU neurons in k = 2, Gaussian population,
/// WFR (4, 1) particle flow for m = 5, 20, 100, 1000 drawn as |θ₂|θ₁, and, new here, the mesh density of the same flow
/// beside them. Recovery: the fraction of the final mass within <see cref="RecoveryRadius"/> of the teacher's neurons on
/// the lifted sphere (directions (a_j, b_j)/|(a_j, b_j)|), reported but not checked (the optimum is not unique).
/// </summary>
public sealed class Figure2Validation : IValidationCase
{
    /// <summary>Geodesic radius around a teacher neuron's lifted direction that counts as recovered.</summary>
    public const double RecoveryRadius = 0.15;

    /// <inheritdoc/>
    public string Name => "figure2";

    /// <inheritdoc/>
    public string Title => "Paper figure 2: teacher–student in k = 2, particles for m = 5 … 1000 and the mesh density";

    /// <summary>Fraction of the mass of ν within <see cref="RecoveryRadius"/> of a teacher neuron's lifted direction.</summary>
    public static double RecoveredFraction(Measure nu, TeacherNetwork teacher)
    {
        ArgumentNullException.ThrowIfNull(nu);
        ArgumentNullException.ThrowIfNull(teacher);
        int k = teacher.InputDim;
        var dirs = new double[teacher.Width][];
        for (int j = 0; j < teacher.Width; j++)
        {
            var u = new double[k + 1];
            u[0] = teacher.A[j];
            for (int c = 0; c < k; c++) u[c + 1] = teacher.B[j * k + c];
            Sphere.Normalize(u);
            dirs[j] = u;
        }
        double near = 0, total = 0;
        for (int a = 0; a < nu.Count; a++)
        {
            total += nu.Mass[a];
            if (dirs.Any(u => Sphere.Distance(nu.Point(a), u) < RecoveryRadius)) near += nu.Mass[a];
        }
        return total > 0 ? near / total : double.NaN;
    }

    /// <inheritdoc/>
    public ValidationSection Run(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool quick = context.Quick;
        double tEnd = quick ? 10 : 50;
        int[] ms = quick ? [5, 100] : [5, 20, 100, 1000];
        var particles = Load(context, "teacher2d-particles.yaml");
        var ps = (ParticleSolverSpec)particles.Spec.Solver;
        var rows = new List<(string Label, int Atoms, double F0, double F, double Recovered, long Steps)>();
        TeacherNetwork? teacher = null;
        Measure? largest = null;
        foreach (int m in ms)
        {
            var (c, r) = RunCase(context, particles, particles.Spec with { Solver = ps with { M = m, TEnd = tEnd } }, $"particles-m{m}");
            teacher = c.Problem.Teacher!;
            var nu = c.Solver.Current;
            largest = nu;
            rows.Add(($"particles, m = {m}", m, r.Simulation.InitialEnergy, r.Simulation.Series[^1].Diagnostics.Energy, RecoveredFraction(nu, teacher), c.Solver.Steps));
            RunPlots.Save(context.File($"particles-m{m}.png"), ParticlePlot.Relu2D(nu, teacher, $"WFR particles, m = {m}, t = {tEnd}"), 600, 600);
        }
        int level = quick ? 3 : 4;
        var meshCase = Load(context, "teacher2d-mesh.yaml");
        var meshSpec = (MeshSolverSpec)meshCase.Spec.Solver;
        var (mc, mr) = RunCase(context, meshCase, meshCase.Spec with { Solver = meshSpec with { Mesh = meshSpec.Mesh with { Level = level }, TEnd = tEnd } }, "mesh");
        var mesh = mc.Solver.Current;
        rows.Add(($"mesh, icosahedral level {level}", mesh.Count, mr.Simulation.InitialEnergy, mr.Simulation.Series[^1].Diagnostics.Energy,
                  RecoveredFraction(mesh, teacher!), mc.Solver.Steps));
        RunPlots.Save(context.File("mesh.png"), ParticlePlot.Relu2D(mesh, teacher, $"WFR mesh density ({mesh.Count} cells), t = {tEnd}"), 600, 600);
        if (mc.Solver.Mesh is { } cells)
            RunPlots.Save(context.File("density-map.png"), SphereDensityMap.Create(cells, mc.Solver.Current.Mass, largest, teacher,
                $"Mesh density (level {level}) with the m = {ms[^1]} particles, t = {tEnd}"), 1000, 620);

        NumericCsv.Write(context.File("figure2.csv"), ["atoms", "is_mesh", "t", "energy_initial", "energy_final", "energy_ratio", "recovered_fraction", "steps"],
            rows.Select((x, i) => (IReadOnlyList<double>)[x.Atoms, i == rows.Count - 1 ? 1 : 0, tEnd,
                                                          x.F0, x.F, x.F / x.F0, x.Recovered, x.Steps]));
        var md = new StringBuilder();
        md.Append($"Teacher–student in k = 2 (m0 = 4, Gaussian population by angular quadrature, n = 720), WFR flow (α = 4, β = 1) ")
          .Append($"from the uniform measure of mass 1, to t = {tEnd}. Recovered: fraction of the final mass within {RecoveryRadius} rad ")
          .Append("of a teacher neuron on the lifted sphere.\n\n| run | F(0) | F(t) | F(t)/F(0) | recovered | steps |\n|---|---|---|---|---|---|\n");
        foreach (var x in rows) md.Append($"| {x.Label} | {E(x.F0)} | {E(x.F)} | {E(x.F / x.F0)} | {x.Recovered:P1} | {x.Steps} |\n");
        md.Append('\n');
        foreach (int m in ms) md.Append($"![m = {m}](figure2/particles-m{m}.png) ");
        md.Append("![mesh](figure2/mesh.png)\n\n![density map](figure2/density-map.png)\n\nData: `figure2.csv`, one run folder per row (series.csv, final.csv, summary.json).\n")
          .Append("\nThe recovered fraction is reported, not checked: recovering the teacher's neurons is sufficient for the global ")
          .Append("minimum but not necessary (the paper, §4.4). In k = 2 the network is h(r, θ) = r ∫ a·max(0, cos(θ − φ)) dν, and ")
          .Append("max(0, cos) has no Fourier modes of odd order ≥ 3, so measures that differ only in those modes give the same h: ")
          .Append("the minimiser is not unique. Measured: m = 100 run on to t = 1000 reaches F = 1.8e-6, with clusters both on and ")
          .Append("off the teacher's directions.\n");

        var checks = new List<ValidationCheck>();
        var big = rows[ms.Length - 1];
        var meshRow = rows[^1];
        double target = quick ? 0.25 : 1e-2;
        checks.Add(new ValidationCheck($"F(t)/F(0), particles m = {ms[^1]}", E(big.F / big.F0), $"< {G(target)}", big.F / big.F0 < target));
        checks.Add(new ValidationCheck("F(t)/F(0), mesh", E(meshRow.F / meshRow.F0), $"< {G(target)}", meshRow.F / meshRow.F0 < target));
        return new ValidationSection(Name, Title, md.ToString(), checks, 0);
    }
}

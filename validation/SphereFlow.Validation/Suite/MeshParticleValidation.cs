using SphereFlow.Validation.Comparison;
using static SphereFlow.Validation.Suite.SuiteRuns;

namespace SphereFlow.Validation.Suite;

/// <summary>
/// Eulerian vs Lagrangian (<see cref="ComparisonStudy"/>) on the figure-2 problem: the mesh solution against particle
/// runs of growing m from the same initial density. The full report of the study is written into the case's folder.
/// </summary>
public sealed class MeshParticleValidation : IValidationCase
{
    /// <inheritdoc/>
    public string Name => "mesh-vs-particles";

    /// <inheritdoc/>
    public string Title => "Eulerian vs Lagrangian: particles converge to the mesh solution as m grows (figure-2 problem)";

    /// <inheritdoc/>
    public ValidationSection Run(ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool quick = context.Quick;
        var options = quick
            ? new ComparisonOptions { ParticleCounts = [50, 200, 800], Seeds = 2, Times = [0, 2], Overrides = ["solver.mesh.level=3", "solver.t_end=2"] }
            : new ComparisonOptions { ParticleCounts = [100, 300, 1000, 3000], Seeds = 3, Times = [0, 5, 50] };
        var result = ComparisonStudy.Run(context.Case("teacher2d-mesh.yaml"), options, context.Say);
        ComparisonReport.Write(context.Dir, result);
        var groups = ComparisonReport.Summaries(result);
        string body = ComparisonReport.Markdown(result, groups);
        body = body[(body.IndexOf('\n', StringComparison.Ordinal) + 1)..].Replace("Files: `", "Files (in `mesh-vs-particles/`): `", StringComparison.Ordinal);
        body += "\n![MMD](mesh-vs-particles/plots/compare-mmd.png) ![energy](mesh-vs-particles/plots/compare-energy.png)\n" +
                "\nAt t = 0 the particles are an m-sample of the mesh density (MMD ∝ m^−1/2); at later times the particle runs agree with " +
                "one another and the remaining difference is the mesh's own discretisation error (see `validation/README.md` for the " +
                "same study on a finer mesh).\n";
        var mmd0 = result.Rates.Single(r => r.T == 0 && r.Metric == "mmd").Fit;
        double tLast = result.Setting.Times[^1];
        var last = groups.Where(g => g.T == tLast).OrderBy(g => g.M).Last();
        double f0 = result.Rows.First(r => r.T == 0).EnergyMesh;
        double tolF = quick ? 5e-2 : 1e-2;   // quick: icosahedral level 3 (642 cells), a coarse reference
        var checks = new List<ValidationCheck>
        {
            new("MMD exponent in m at t = 0 (iid sampling: −1/2)", $"{mmd0.Exponent:F3} [{mmd0.Low95:F3}, {mmd0.High95:F3}]", "95% interval contains −0.5", mmd0.Covers(-0.5)),
            new($"|F_mesh − F_m| at t = {G(tLast)}, m = {last.M}, relative to F(0)", E(last.Mean[0] / f0), $"< {G(tolF)}", last.Mean[0] / f0 < tolF),
        };
        return new ValidationSection(Name, Title, body, checks, 0);
    }
}

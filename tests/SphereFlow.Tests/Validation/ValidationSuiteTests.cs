using SphereFlow.Data;
using SphereFlow.Diagnostics;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;
using SphereFlow.Validation.Suite;

namespace SphereFlow.Tests.Validation;

/// <summary>The validation suite: its measurements on known inputs, and <c>sphereflow validate --quick</c> end to end.</summary>
public class ValidationSuiteTests
{
    private static SeriesRow Row(double t, double energy) => new(0, t, new Snapshot(energy, 1, 0, 0, 0, 0), 0, 0, double.NaN, 0, 0);

    [Fact]
    public void Time_to_reach_interpolates_log_energy_between_rows()
    {
        // F = e^{−t} sampled at t = 0, 1, 2, 3: F ≤ 0.05 F(0) first at t = ln 20 ≈ 2.996, exact under log interpolation.
        var series = Enumerable.Range(0, 4).Select(k => Row(k, Math.Exp(-k))).ToList();
        Assert.Equal(Math.Log(20), BirthDeathAccelerationValidation.TimeToReach(series, 0.05), 12);
        Assert.True(double.IsNaN(BirthDeathAccelerationValidation.TimeToReach(series, 1e-3)));
    }

    [Fact]
    public void Mass_on_the_teacher_directions_is_fully_recovered_and_mass_elsewhere_is_not()
    {
        var teacher = TeacherNetwork.Random(2, 4, 3);
        var (mass, points) = teacher.AsMeasure();
        var exact = new Measure(3, mass, points);
        Assert.Equal(1.0, Figure2Validation.RecoveredFraction(exact, teacher), 12);
        var far = exact.Clone();
        for (int j = 0; j < far.Count; j++) { var p = far.Point(j); (p[1], p[2]) = (-p[1], -p[2]); }   // b → −b
        Assert.Equal(0.0, Figure2Validation.RecoveredFraction(far, teacher), 12);
    }

    [Fact]
    public void A_figure_2_run_has_reached_F_star_stalled_above_it_or_neither()
    {
        // Rows every 50 time units to t = 200, F(0) = 0.2, F* = 0.
        static List<SeriesRow> Series(Func<double, double> f, double minJ) =>
            [.. Enumerable.Range(0, 5).Select(k => new SeriesRow(k, 50 * k, new Snapshot(f(50 * k), 2, minJ, 0, 0, double.NaN), 0, 0, double.NaN, 0, 0))];
        Assert.Equal(Figure2Validation.Outcome.Reached, Figure2Validation.Classify(Series(t => 0.2 * Math.Exp(-t / 20), -1e-6)));
        // A plateau at 0.03 (15% of F(0)) with J < 0 somewhere: stalled.
        Assert.Equal(Figure2Validation.Outcome.Stalled, Figure2Validation.Classify(Series(t => t == 0 ? 0.2 : 0.03, -0.07)));
        // The same plateau with J ≥ 0 everywhere found would be a (local) optimum the search cannot fault: not counted as stalled.
        Assert.Equal(Figure2Validation.Outcome.Between, Figure2Validation.Classify(Series(t => t == 0 ? 0.2 : 0.03, 0)));
        // Still falling over the last quarter (by 20%): not stalled, not reached.
        Assert.Equal(Figure2Validation.Outcome.Between, Figure2Validation.Classify(Series(t => t == 0 ? 0.2 : 0.03 * (1 - t / 1000), -0.07)));
        // Low but above the reached level (F(T)/F(0) = 5e-3) and flat: neither.
        Assert.Equal(Figure2Validation.Outcome.Between, Figure2Validation.Classify(Series(t => t == 0 ? 0.2 : 1e-3, -0.07)));
    }

    [Fact]
    public void The_concentrated_initial_measure_lies_in_its_arc_with_the_requested_mass()
    {
        var nu = GlobalConvergenceValidation.Arc(50, 2.5);
        Assert.Equal(2.5, nu.TotalMass, 12);
        for (int j = 0; j < nu.Count; j++)
        {
            double th = Sphere.CircleAngle(nu.Point(j));
            Assert.InRange(th, GlobalConvergenceValidation.ArcCentre - GlobalConvergenceValidation.ArcWidth / 2,
                           GlobalConvergenceValidation.ArcCentre + GlobalConvergenceValidation.ArcWidth / 2);
        }
        Assert.True(KernelDiscrepancy.Distance(nu, GlobalConvergenceValidation.Arc(50, 2.5), 10) == 0);
    }

    [Fact]
    public void Quick_validate_passes_every_check_and_writes_the_report_of_every_case()
    {
        string dir = CliRunner.TempDir();
        string o = Path.Combine(dir, "v");
        var r = CliRunner.Run(dir, "validate", "--quick", "--out", o, "--quiet");
        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        Assert.Matches(@"validate: (\d+) of \1 checks passed", r.StdOut);
        string report = File.ReadAllText(Path.Combine(o, "report.md"));
        foreach (var name in ValidationCases.Names)
        {
            Assert.Contains($"(`{name}/`", report, StringComparison.Ordinal);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(o, name), "*.png", SearchOption.AllDirectories));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(o, name), "*.csv", SearchOption.AllDirectories));
        }
        Assert.DoesNotContain("FAIL", report, StringComparison.Ordinal);
        Assert.True(File.ReadAllLines(Path.Combine(o, "checks.csv")).Length > ValidationCases.Names.Count);
    }

    [Fact]
    public void Only_runs_the_named_cases_and_an_unknown_name_is_bad_input()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run(dir, "validate", "--quick", "--only", "birth-death", "--out", Path.Combine(dir, "v"), "--quiet");
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(dir, "v", "figure2")));
        var bad = CliRunner.Run(dir, "validate", "--quick", "--only", "figure9", "--out", Path.Combine(dir, "w"), "--quiet");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown case 'figure9'", bad.StdErr, StringComparison.Ordinal);
    }
}

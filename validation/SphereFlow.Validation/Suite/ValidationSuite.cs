using System.Diagnostics;
using System.Globalization;
using System.Text;
using SphereFlow.IO;

namespace SphereFlow.Validation.Suite;

/// <summary>The outcome of <see cref="ValidationSuite.Run"/>.</summary>
/// <param name="Sections">One section per case run.</param>
public sealed record ValidationReport(IReadOnlyList<ValidationSection> Sections)
{
    /// <summary>Every check of every section.</summary>
    public IEnumerable<ValidationCheck> Checks => Sections.SelectMany(s => s.Checks);

    /// <summary>Whether every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>
/// Runs validation cases (all, or those named) into one folder: a sub-folder per case with its runs, CSV and plots, and at
/// the top <c>report.md</c> (every section, a table of all checks) and <c>checks.csv</c>, written atomically.
/// </summary>
public static class ValidationSuite
{
    /// <summary>Runs the cases.</summary>
    public static ValidationReport Run(string outDir, string casesDir, bool quick, IReadOnlyCollection<string>? only = null, Action<string>? progress = null)
    {
        var unknown = (only ?? []).Where(n => !ValidationCases.Names.Contains(n)).ToList();
        if (unknown.Count > 0) throw new InputException($"--only: unknown case '{unknown[0]}' (cases: {string.Join(", ", ValidationCases.Names)})");
        // Absolute: cases pass files of their folder to case files, whose relative paths resolve against validation/cases.
        outDir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(outDir);
        var sections = new List<ValidationSection>();
        foreach (var c in ValidationCases.Cases.Where(c => only is null || only.Count == 0 || only.Contains(c.Name)))
        {
            string dir = Path.Combine(outDir, c.Name);
            Directory.CreateDirectory(dir);
            progress?.Invoke($"validate {c.Name}: {c.Title}");
            var clock = Stopwatch.StartNew();
            var section = c.Run(new ValidationContext(dir, casesDir, quick, progress is null ? null : line => progress($"  {c.Name}: {line}")));
            section = section with { WallSeconds = clock.Elapsed.TotalSeconds };
            sections.Add(section);
            foreach (var check in section.Checks)
                progress?.Invoke($"  {(check.Passed ? "pass" : "FAIL")}: {check.Name}: {check.Measured} ({check.Criterion})");
        }
        var report = new ValidationReport(sections);
        Write(outDir, report, quick);
        return report;
    }

    private static void Write(string outDir, ValidationReport report, bool quick)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        int passed = report.Checks.Count(c => c.Passed), total = report.Checks.Count();
        md.Append(inv, $"# SphereFlow validation{(quick ? " (quick)" : "")}\n\n{passed} of {total} checks passed.\n\n");
        md.Append("| case | check | measured | criterion | result |\n|---|---|---|---|---|\n");
        foreach (var s in report.Sections)
            foreach (var c in s.Checks)
                md.Append(inv, $"| {s.Name} | {Cell(c.Name)} | {Cell(c.Measured)} | {Cell(c.Criterion)} | {(c.Passed ? "pass" : "**FAIL**")} |\n");
        foreach (var s in report.Sections)
            md.Append(inv, $"\n## {s.Title}\n\n(`{s.Name}/`, {s.WallSeconds:F1} s)\n\n").Append(s.Markdown.TrimEnd()).Append('\n');
        AtomicFile.WriteAllText(Path.Combine(outDir, "report.md"), md.ToString());
        var csv = new StringBuilder("case,check,measured,criterion,passed\n");
        foreach (var s in report.Sections)
            foreach (var c in s.Checks)
                csv.Append(Quote(s.Name)).Append(',').Append(Quote(c.Name)).Append(',').Append(Quote(c.Measured)).Append(',')
                   .Append(Quote(c.Criterion)).Append(',').Append(c.Passed ? "true" : "false").Append('\n');
        AtomicFile.WriteAllText(Path.Combine(outDir, "checks.csv"), csv.ToString());
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

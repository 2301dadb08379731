using System.CommandLine;
using SphereFlow.Validation.Suite;

namespace SphereFlow.Cli.Commands;

/// <summary>
/// <c>sphereflow validate [--quick] [--out DIR] [--only NAME,…] [--cases DIR]</c>: runs the validation cases into one
/// report. Exit code 0 when every check passes, 4 when a check fails (the report says which), 2 on bad input.
/// </summary>
public static class ValidateCommand
{
    /// <summary>Exit code when a validation check fails.</summary>
    public const int CheckFailed = 4;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var quickOpt = new Option<bool>("--quick") { Description = "Small sizes and short times: a smoke run of every case." };
        var outOpt = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default: out/validate, or out/validate-quick)." };
        var onlyOpt = new Option<string?>("--only") { Description = $"Comma-separated cases to run: {string.Join(", ", ValidationCases.Names)}." };
        var casesOpt = new Option<DirectoryInfo?>("--cases") { Description = "Folder of the bundled case files (default: validation/cases of this checkout)." };
        var quietOpt = new Option<bool>("--quiet") { Description = "No progress lines." };
        var forceOpt = new Option<bool>("--force") { Description = "Replace the outputs of an earlier validation in the output folder." };
        var cmd = new Command("validate", "Run the validation cases (figures 2 and 3, global convergence, birth–death, mesh vs particles) into one report.");
        foreach (var o in new Option[] { quickOpt, outOpt, onlyOpt, casesOpt, quietOpt, forceOpt }) cmd.Options.Add(o);
        cmd.SetAction(pr => CliErrors.Guard(() =>
        {
            bool quick = pr.GetValue(quickOpt);
            string outDir = pr.GetValue(outOpt)?.FullName ?? Path.Combine("out", quick ? "validate-quick" : "validate");
            string cases = pr.GetValue(casesOpt)?.FullName ?? ValidationContext.FindCasesDir();
            if (!Directory.Exists(cases)) throw new IO.InputException($"--cases: {cases}: folder not found");
            var only = pr.GetValue(onlyOpt)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            using var claim = IO.OutputFolderGuard.Claim(outDir, pr.GetValue(forceOpt), alsoRemove: ValidationCases.Names);
            var report = ValidationSuite.Run(outDir, cases, quick, only, pr.GetValue(quietOpt) ? null : Console.WriteLine);
            int passed = report.Checks.Count(c => c.Passed), total = report.Checks.Count();
            foreach (var c in report.Checks.Where(c => !c.Passed)) Console.WriteLine($"FAIL: {c.Name}: {c.Measured} ({c.Criterion})");
            Console.WriteLine($"validate: {passed} of {total} checks passed; report in {Path.Combine(outDir, "report.md")}");
            return report.Passed ? 0 : CheckFailed;
        }));
        return cmd;
    }
}

using SphereFlow.IO;

namespace SphereFlow.Validation.Suite;

/// <summary>Where a validation case writes, where the bundled cases are, and how big it should be.</summary>
/// <param name="Dir">The case's output folder (created).</param>
/// <param name="CasesDir">The bundled case files (<c>validation/cases</c>).</param>
/// <param name="Quick">Smaller sizes and shorter times (a smoke run of every case).</param>
/// <param name="Progress">Progress lines, or null.</param>
public sealed record ValidationContext(string Dir, string CasesDir, bool Quick, Action<string>? Progress)
{
    /// <summary>A bundled case file.</summary>
    public string Case(string name)
    {
        string p = Path.Combine(CasesDir, name);
        return System.IO.File.Exists(p) ? p : throw new InputException($"{p}: bundled case file not found");
    }

    /// <summary>A file in the case's output folder.</summary>
    public string File(string name) => Path.Combine(Dir, name);

    /// <summary>Writes a progress line prefixed with the case name.</summary>
    public void Say(string line) => Progress?.Invoke(line);

    /// <summary>The bundled case folder: <c>validation/cases</c> above the running binary, else below the working directory.</summary>
    public static string FindCasesDir()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "validation", "cases");
            if (Directory.Exists(p)) return p;
        }
        string cwd = Path.Combine(Directory.GetCurrentDirectory(), "validation", "cases");
        return Directory.Exists(cwd) ? cwd : throw new InputException("validation/cases not found above the program or in the working directory (use --cases DIR)");
    }
}

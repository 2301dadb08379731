namespace SphereFlow.Tests.FiniteVolume;

/// <summary>Locates bundled case files.</summary>
internal static class MeshCaseFiles
{
    public static string CasePath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "validation", "cases"))) dir = dir.Parent;
        return dir is null ? throw new FileNotFoundException("validation/cases not found above the test binaries") : Path.Combine(dir.FullName, "validation", "cases", name);
    }
}

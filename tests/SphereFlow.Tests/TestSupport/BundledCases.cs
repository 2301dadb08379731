namespace SphereFlow.Tests.TestSupport;

/// <summary>Paths of the repository and of its bundled case files, found upwards from the test binaries.</summary>
internal static class BundledCases
{
    /// <summary>The repository root (the folder holding SphereFlow.sln).</summary>
    public static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(System.IO.Path.Combine(d.FullName, "SphereFlow.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root (SphereFlow.sln) not found above the test binaries");
    }

    /// <summary>A case file of <c>validation/cases/</c>.</summary>
    public static string Path(string name) => System.IO.Path.Combine(RepoRoot(), "validation", "cases", name);
}

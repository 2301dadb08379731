using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// Packaging, offline: the solution packs (from the build the tests run on) into the libraries SphereFlow.Core,
/// SphereFlow.Meshes, SphereFlow.Solvers and SphereFlow.Cases, each with its XML documentation and dependencies, and the
/// <c>sphereflow</c> .NET tool; the tool installs into a temporary folder from that local source only
/// (<c>dotnet tool install --tool-path … --add-source …</c>, with a NuGet config that clears every other source) and runs
/// a case, plots included (the plotting library's native code travels in the tool).
/// </summary>
public class PackagingTests
{
    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "SphereFlow.sln"))) return d.FullName;
        throw new InvalidOperationException("SphereFlow.sln not found above the test binary");
    }

    private static (int Code, string Out) Run(string workDir, string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workDir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(true); Assert.Fail($"{file} {string.Join(' ', args)}: no exit in 5 minutes"); }
        p.WaitForExit();
        return (p.ExitCode, o.Result + e.Result);
    }

    private static XElement Nuspec(ZipArchive zip) =>
        XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).Root!;

    [Fact]
    public void Libraries_and_the_tool_pack_and_the_tool_installs_and_runs_from_a_local_source()
    {
        string dir = CliRunner.TempDir();
        try { PackInstallRun(dir); }
        finally { Directory.Delete(dir, recursive: true); } // the tool package is about 75 MB
    }

    private static void PackInstallRun(string dir)
    {
        string packages = Path.Combine(dir, "packages");
        var pack = Run(RepositoryRoot(), "dotnet", "pack", "SphereFlow.sln", "-c", "Release", "--no-build", "-o", packages);
        Assert.True(pack.Code == 0, pack.Out);

        foreach (var (id, deps) in new[]
                 {
                     ("SphereFlow.Core", new[] { "MathNet.Numerics", "CsvHelper", "System.Numerics.Tensors", "PureHDF" }),
                     ("SphereFlow.Meshes", new[] { "SphereFlow.Core" }),
                     ("SphereFlow.Solvers", new[] { "SphereFlow.Core", "SphereFlow.Meshes" }),
                     ("SphereFlow.Cases", new[] { "SphereFlow.Solvers", "YamlDotNet" }),
                 })
        {
            string nupkg = Path.Combine(packages, $"{id}.0.1.0.nupkg");
            Assert.True(File.Exists(nupkg), $"missing {nupkg}");
            using var zip = ZipFile.OpenRead(nupkg);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains($"lib/net10.0/{id}.dll", names);
            Assert.Contains($"lib/net10.0/{id}.xml", names);
            var docs = XDocument.Load(zip.GetEntry($"lib/net10.0/{id}.xml")!.Open());
            Assert.True(docs.Descendants("member").Count() > 20, $"{id}: XML documentation is nearly empty");
            var ns = Nuspec(zip).Name.Namespace;
            var dependencies = Nuspec(zip).Descendants(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
            foreach (var dep in deps) Assert.True(dependencies.ContainsKey(dep), $"{id} does not depend on {dep}: {string.Join(", ", dependencies.Keys)}");
        }
        Assert.False(File.Exists(Path.Combine(packages, "SphereFlow.Validation.0.1.0.nupkg")), "the validation suite ships inside the tool");

        string tool = Path.Combine(packages, "sphereflow.0.1.0.nupkg");
        using (var zip = ZipFile.OpenRead(tool))
        {
            var ns = Nuspec(zip).Name.Namespace;
            Assert.Equal("DotnetTool", Nuspec(zip).Descendants(ns + "packageType").Single().Attribute("name")!.Value);
            Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("tools/net10.0/any/runtimes/", StringComparison.Ordinal) && e.FullName.EndsWith(".pdb", StringComparison.Ordinal));
        }

        // Offline: a NuGet config whose only source is the local folder.
        string config = Path.Combine(dir, "nuget.config");
        File.WriteAllText(config, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n");
        string tools = Path.Combine(dir, "tools");
        var install = Run(dir, "dotnet", "tool", "install", "sphereflow", "--tool-path", tools, "--add-source", packages, "--configfile", config, "--version", "0.1.0");
        Assert.True(install.Code == 0, install.Out);
        string exe = Path.Combine(tools, OperatingSystem.IsWindows() ? "sphereflow.exe" : "sphereflow");
        var help = Run(dir, exe, "--help");
        Assert.True(help.Code == 0, help.Out);
        foreach (var command in new[] { "run", "compare", "merge", "validate", "mesh", "bench" }) Assert.Contains(command, help.Out, StringComparison.Ordinal);
        var run = Run(dir, exe, "run", BundledCases.Path("deconv-s1-particles.yaml"), "--out", Path.Combine(dir, "out"), "--quiet", "--set", "solver.t_end=0.1");
        Assert.True(run.Code == 0, run.Out);
        Assert.True(File.Exists(Path.Combine(dir, "out", "plots", "measure-angle.png")), run.Out);
        Assert.True(File.Exists(Path.Combine(dir, "out", "final.csv")));
    }
}

using System.Reflection;
using SphereFlow.Cases;
using SphereFlow.Meshes;
using SphereFlow.Problems;
using SphereFlow.Solvers.Stepping;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Architecture;

/// <summary>
/// The layers: case files (YAML, <see cref="CaseNode"/>) are read and written only by the case layer
/// (<c>src/SphereFlow.Cases</c>); the core, the meshes and the solvers know typed specifications only, and the solver
/// folders depend on one another without cycles. Checked on the compiled assemblies (references, signatures and IL).
/// </summary>
public class LayeringTests(ITestOutputHelper output)
{
    private static readonly Assembly Core = typeof(Problem).Assembly, Meshes = typeof(SphereMesh).Assembly, Solvers = typeof(ISolver).Assembly;
    private static readonly Assembly CaseLayer = typeof(CaseNode).Assembly;

    private static bool IsCaseFileType(Type t) =>
        t.Assembly == CaseLayer || (t.Namespace ?? "").StartsWith("YamlDotNet", StringComparison.Ordinal) || t.Assembly.GetName().Name == "YamlDotNet";

    [Fact]
    public void Core_meshes_and_solvers_neither_reference_nor_use_case_file_types()
    {
        foreach (var a in new[] { Core, Meshes, Solvers })
        {
            var refs = a.GetReferencedAssemblies().Select(r => r.Name).ToList();
            Assert.DoesNotContain("YamlDotNet", refs);
            Assert.DoesNotContain(CaseLayer.GetName().Name, refs);
            foreach (var type in a.GetTypes())
            {
                var bad = TypeDependencies.Of(type).Where(IsCaseFileType).Select(t => t.FullName).ToList();
                Assert.True(bad.Count == 0, $"{type.FullName} ({a.GetName().Name}) uses {string.Join(", ", bad)}");
            }
        }
    }

    [Fact]
    public void The_run_command_does_not_depend_on_the_validation_suite()
    {
        var validation = typeof(SphereFlow.Validation.Suite.ValidationCases).Assembly;
        var cli = typeof(SphereFlow.Cli.Commands.RunCommand).Assembly;
        // Every type of the command-line assembly that `run` reaches, from its command, must stay out of the validation suite …
        var seen = new HashSet<Type>();
        var todo = new Stack<Type>([typeof(SphereFlow.Cli.Commands.RunCommand)]);
        foreach (var t in cli.GetTypes().Where(t => t.DeclaringType == typeof(SphereFlow.Cli.Commands.RunCommand))) todo.Push(t);
        while (todo.Count > 0)
        {
            var t = todo.Pop();
            if (!seen.Add(t)) continue;
            foreach (var d in TypeDependencies.Of(t))
            {
                Assert.True(d.Assembly != validation, $"run reaches {d.FullName} of the validation suite through {t.FullName}");
                if (d.Assembly == cli) todo.Push(TypeDependencies.Owner(d));
            }
        }
        // … and so must the assemblies it uses.
        foreach (var a in new[] { typeof(CaseReader).Assembly, typeof(SphereFlow.Plots.RunPlots).Assembly, Solvers, Meshes, Core })
            Assert.DoesNotContain(validation.GetName().Name, a.GetReferencedAssemblies().Select(r => r.Name));
        Assert.Contains(typeof(SphereFlow.Cli.RunReport), seen);
    }

    [Fact]
    public void The_dependency_scan_sees_what_method_bodies_use()
    {
        // Control: CaseYaml uses YamlDotNet only inside method bodies (parsing and serialising), so a scan of signatures
        // alone would miss it; the scan must find it.
        var deps = TypeDependencies.Of(typeof(CaseYaml));
        Assert.Contains(deps, t => t.Namespace?.StartsWith("YamlDotNet", StringComparison.Ordinal) == true);
        Assert.Contains(TypeDependencies.Of(typeof(CaseReader)), t => t == typeof(CaseNode));
    }

    [Fact]
    public void Solver_folders_depend_on_one_another_without_cycles()
    {
        var graph = TypeDependencies.NamespaceGraph(Solvers, "SphereFlow.Solvers");
        foreach (var (from, to) in graph) output.WriteLine($"{from} -> {(to.Count == 0 ? "(none)" : string.Join(", ", to))}");
        var cycle = TypeDependencies.FindCycle(graph);
        Assert.True(cycle is null, $"namespace cycle: {string.Join(" -> ", cycle ?? [])}");
        Assert.True(graph.Count >= 6, "the scan found the solver folders");
    }

    [Fact]
    public void The_cycle_finder_finds_cycles()
    {
        var g = new Dictionary<string, SortedSet<string>>
        {
            ["a"] = new(StringComparer.Ordinal) { "b" },
            ["b"] = new(StringComparer.Ordinal) { "c" },
            ["c"] = new(StringComparer.Ordinal) { "a" },
            ["d"] = new(StringComparer.Ordinal) { "a" },
        };
        Assert.Equal(["a", "b", "c", "a"], TypeDependencies.FindCycle(g));
        g["c"].Clear();
        Assert.Null(TypeDependencies.FindCycle(g));
    }
}

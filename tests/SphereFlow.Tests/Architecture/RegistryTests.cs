using System.Reflection;
using SphereFlow.Registries;

namespace SphereFlow.Tests.Architecture;

/// <summary>
/// Every registry has the one shape (<see cref="Registry{T}"/> of self-describing entries), found by reflection over the
/// assemblies so that a new registry is checked without a line here: lookups by name return the entry, an unknown name
/// gives the one message listing the known names, and the registry class exposes no second list of names.
/// </summary>
public class RegistryTests(ITestOutputHelper output)
{
    /// <summary>Every SphereFlow assembly (core, meshes, solvers, case layer, validation, command line).</summary>
    private static readonly Assembly[] Assemblies =
    [
        typeof(Registry<>).Assembly, typeof(SphereFlow.Meshes.SphereMesh).Assembly, typeof(SphereFlow.Solvers.Stepping.ISolver).Assembly,
        typeof(SphereFlow.Cases.CaseReader).Assembly, typeof(SphereFlow.Validation.Suite.ValidationCases).Assembly, typeof(SphereFlow.Cli.CliErrors).Assembly,
    ];

    private static IEnumerable<(Type Owner, PropertyInfo Property)> Registries() =>
        Assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static).Select(p => (t, p)))
            .Where(x => x.p.PropertyType.IsGenericType && x.p.PropertyType.GetGenericTypeDefinition() == typeof(Registry<>));

    [Fact]
    public void Every_registry_looks_up_its_entries_and_names_the_known_ones_for_an_unknown_name()
    {
        var found = Registries().ToList();
        foreach (var (owner, property) in found)
        {
            dynamic registry = property.GetValue(null)!;
            IReadOnlyList<string> names = registry.Names;
            output.WriteLine($"{owner.FullName}.{property.Name}: {registry.What}: {string.Join(", ", names)}");
            Assert.NotEmpty(names);
            foreach (IRegistration entry in (System.Collections.IEnumerable)registry)
            {
                Assert.Same(entry, (object)registry.Get(entry.Name));
                Assert.False(string.IsNullOrWhiteSpace(entry.Description));
            }
            var e = Assert.Throws<ArgumentException>(() => (object)registry.Get("no-such-entry"));
            Assert.Equal($"unknown {registry.What} 'no-such-entry' (known: {string.Join(", ", names)})", e.Message);
            // A registry class keeps no second list: its Names (if any) are the registry's.
            if (owner.GetProperty("Names", BindingFlags.Public | BindingFlags.Static) is { } helper)
                Assert.Equal(names, ((IEnumerable<string>)helper.GetValue(null)!).ToList());
        }
        string[] expected = ["FeatureMaps", "LossRegistry", "MeshKinds", "ParticleSteppers", "MeshSteppers", "WeightSteppers", "SolverKinds", "ValidationCases", "BenchSuite"];
        Assert.Empty(expected.Except(found.Select(f => f.Owner.Name)));
    }
}

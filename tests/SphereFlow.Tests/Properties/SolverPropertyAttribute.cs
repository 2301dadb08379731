namespace SphereFlow.Tests.Properties;

/// <summary>
/// An FsCheck property over the generators of <see cref="Generators"/> (random problems, measures, flows, steppers and
/// meshes with shrinking). It runs <see cref="PropertyRuns.Count"/> cases: 100 by default, more when the environment
/// variable <c>SPHEREFLOW_PROPERTY_RUNS</c> says so (nightly runs). A failure prints the shrunk counterexample (the case
/// records print every field) and FsCheck's replay seed; set <c>SPHEREFLOW_PROPERTY_REPLAY</c> to that seed, e.g.
/// <c>SPHEREFLOW_PROPERTY_REPLAY="(123,456)" dotnet test --filter Name_of_the_property</c>, to rerun exactly that case.
/// </summary>
public sealed class SolverPropertyAttribute : PropertyAttribute
{
    /// <summary>Configures the property from the environment.</summary>
    public SolverPropertyAttribute()
    {
        MaxTest = PropertyRuns.Count;
        Arbitrary = [typeof(Generators)];
        string? replay = Environment.GetEnvironmentVariable("SPHEREFLOW_PROPERTY_REPLAY");
        if (!string.IsNullOrWhiteSpace(replay)) Replay = replay;
    }
}

/// <summary>How many random cases each property runs.</summary>
public static class PropertyRuns
{
    /// <summary>The default number of cases per property.</summary>
    public const int Default = 100;

    /// <summary><c>SPHEREFLOW_PROPERTY_RUNS</c> when it is a positive integer, else <see cref="Default"/>.</summary>
    public static int Count =>
        int.TryParse(Environment.GetEnvironmentVariable("SPHEREFLOW_PROPERTY_RUNS"), out int n) && n > 0 ? n : Default;
}

/// <summary>The solver properties run one class at a time (each case is small; parallel loops inside them share the cores).</summary>
[CollectionDefinition(Name)]
public sealed class SolverPropertyCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Solver properties";
}

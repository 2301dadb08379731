using System.Text.Json;
using SphereFlow.Cases;
using SphereFlow.IO;
using SphereFlow.Solvers.Output;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Output;

/// <summary>summary.json parses as numbers everywhere; the YAML limits sit exactly where they say.</summary>
public class SummaryAndYamlLimitTests
{
    [Fact]
    public void Summary_json_writes_non_finite_numbers_as_null_with_a_reason()
    {
        string path = Path.Combine(CliRunner.TempDir(), SummaryFile.Name);
        SummaryFile.Write(path, new Dictionary<string, object?>
        {
            ["final_energy"] = 0.25, ["final_min_J"] = double.NaN, ["final_gap_bound"] = double.PositiveInfinity,
            ["low"] = double.NegativeInfinity, ["steps"] = 10L, ["solver"] = "particles",
        });
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        Assert.Equal(0.25, root.GetProperty("final_energy").GetDouble());
        foreach (var key in new[] { "final_min_J", "final_gap_bound", "low" })
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty(key).ValueKind);
            Assert.Equal(JsonValueKind.String, root.GetProperty(key + "_reason").ValueKind);
        }
        Assert.Contains("NaN", root.GetProperty("final_min_J_reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("+Infinity", root.GetProperty("final_gap_bound_reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("-Infinity", root.GetProperty("low_reason").GetString(), StringComparison.Ordinal);
        // No number is written as a string.
        foreach (var p in root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            Assert.Null(NumberFormat.TryParse(p.Value.GetString()));
    }

    private static string Nested(int depth) => "a: " + new string('[', depth) + new string(']', depth) + "\n";

    [Fact]
    public void Nesting_is_accepted_up_to_the_limit_and_refused_one_past_it()
    {
        // The root mapping is one level, so a value may nest MaxDepth − 1 lists.
        CaseYaml.Parse("case.yaml", Nested(YamlLimits.MaxDepth - 1));
        var e = Assert.Throws<InputException>(() => CaseYaml.Parse("case.yaml", Nested(YamlLimits.MaxDepth)));
        Assert.Contains($"nested more than {YamlLimits.MaxDepth} levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_value_that_is_not_yaml_stays_a_string_but_an_alias_is_refused()
    {
        var tree = CaseYaml.Parse("case.yaml", "solver: {kind: particles}\n");
        CaseYaml.Set("case.yaml", tree, "solver.path=[unclosed");
        Assert.Equal("[unclosed", ((Dictionary<string, object?>)tree["solver"]!)["path"]);
        var e = Assert.Throws<InputException>(() => CaseYaml.Set("case.yaml", tree, "solver.m=*x"));
        Assert.StartsWith("--set 'solver.m=*x': line 1: YAML aliases", e.Message, StringComparison.Ordinal);
    }
}

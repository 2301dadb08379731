using System.Text.Json;
using SphereFlow.IO;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Output;

/// <summary>
/// A mesh run's final.csv: <c>mass,eta0,…,eta{d},cell,density</c>, so it joins mesh.csv on <c>cell</c>, and it still reads
/// back as an initial measure (DESIGN §6: final.csv has the initial-measure header, whose optional trailing columns these are).
/// </summary>
public class MeshFinalCsvTests
{
    [Fact]
    public void Mesh_final_csv_joins_mesh_csv_and_restarts_both_solvers()
    {
        string dir = CliRunner.TempDir();
        string c = BundledCases.Path("deconv-s1-mesh.yaml");
        string first = Path.Combine(dir, "first");
        var r = CliRunner.Run(dir, "run", c, "--out", first, "--quiet", "--set", "solver.mesh.cells=64", "--set", "solver.t_end=0.5");
        Assert.True(r.ExitCode == 0, r.StdErr);
        string final = Path.Combine(first, "final.csv");
        var table = NumericCsv.Read(final);
        Assert.Equal(["mass", "eta0", "eta1", "cell", "density"], table.Header);
        Assert.Equal(64, table.Rows.Length);

        // Join with mesh.csv of the same mesh (uniform arcs: level 3 is 8·2^3 = 64 arcs).
        var m = CliRunner.Run(dir, "mesh", "--dim", "1", "--kind", "uniform", "--level", "3", "--out", Path.Combine(dir, "mesh"));
        Assert.True(m.ExitCode == 0, m.StdErr);
        var mesh = NumericCsv.Read(Path.Combine(dir, "mesh", "mesh.csv"));
        var measureOfCell = mesh.Rows.ToDictionary(row => (int)row[0], row => row[1]);
        for (int k = 0; k < 64; k++)
        {
            var row = table.Rows[k];
            Assert.Equal(k, row[3]);
            Assert.Equal(row[0] / measureOfCell[(int)row[3]], row[4], 1e-14 * Math.Max(1, row[4]));
            Assert.Equal(mesh.Rows[k][2], row[1], 1e-15); // same centre
            Assert.Equal(mesh.Rows[k][3], row[2], 1e-15);
        }

        // It is an initial measure: particles at the cell centres, and the mesh restarted from its own final state.
        var nu = MeasureCsv.Read(final, 2);
        Assert.Equal(table.Rows.Select(row => row[0]), nu.Mass);
        string restarted = Path.Combine(dir, "restarted");
        r = CliRunner.Run(dir, "run", c, "--out", restarted, "--quiet", "--set", "solver.mesh.cells=64", "--set", "solver.t_end=0.5",
                          "--set", $"solver.init={{kind: csv, path: '{final}'}}");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using (var a = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "summary.json"))))
        using (var b = JsonDocument.Parse(File.ReadAllText(Path.Combine(restarted, "summary.json"))))
            Assert.Equal(a.RootElement.GetProperty("final_energy").GetDouble(), b.RootElement.GetProperty("initial_energy").GetDouble());
        r = CliRunner.Run(dir, "run", BundledCases.Path("deconv-s1-particles.yaml"), "--out", Path.Combine(dir, "particles"), "--quiet",
                          "--set", "solver.m=64", "--set", "solver.t_end=0.1", "--set", $"solver.init={{kind: csv, path: '{final}'}}");
        Assert.True(r.ExitCode == 0, r.StdErr);

        // A final.csv of another mesh is refused by the mesh solver, naming the file.
        r = CliRunner.Run(dir, "run", c, "--out", Path.Combine(dir, "other"), "--quiet", "--set", "solver.mesh.cells=65", "--set", $"solver.init={{kind: csv, path: '{final}'}}");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("final.csv: 64 atoms for a mesh of 65 cells", r.StdErr, StringComparison.Ordinal);
    }
}

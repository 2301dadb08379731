using System.Globalization;
using System.Xml.Linq;
using SphereFlow.Cli.Commands;
using SphereFlow.Meshes;
using Xunit;

namespace SphereFlow.Tests.Meshes;

/// <summary>VTU and CSV writers, quality report text, and the <c>sphereflow mesh</c> command.</summary>
public sealed class MeshOutputTests
{
    private static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "sphereflow-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    private static double[] Numbers(XElement array) =>
        [.. array.Value.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];

    public static IEnumerable<object[]> Writers() =>
    [
        ["icosahedral", 2, 2], ["latlong", 2, 1], ["hyperspherical", 2, 1], ["hyperspherical", 3, 0], ["uniform", 1, 1], ["hyperspherical", 4, 0],
    ];

    [Theory]
    [MemberData(nameof(Writers))]
    public void Vtu_is_consistent_xml(string kind, int d, int level)
    {
        var m = MeshTestSupport.Get(kind, d, level);
        var density = m.CellMeasures.Select((v, k) => 1.0 + k).ToArray();
        string path = Path.Combine(TempDir(), "mesh.vtu");
        VtuWriter.Write(path, m, new Dictionary<string, double[]> { ["density"] = density });
        var doc = XDocument.Load(path);
        var piece = doc.Descendants("Piece").Single();
        int npts = int.Parse(piece.Attribute("NumberOfPoints")!.Value, CultureInfo.InvariantCulture);
        int ncells = int.Parse(piece.Attribute("NumberOfCells")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal(m.CellCount, ncells);
        var arrays = doc.Descendants("DataArray").ToDictionary(a => a.Attribute("Name")!.Value);
        Assert.Equal(3 * npts, Numbers(arrays["Points"]).Length);
        var conn = Numbers(arrays["connectivity"]);
        var offsets = Numbers(arrays["offsets"]);
        var types = Numbers(arrays["types"]);
        Assert.Equal(ncells, offsets.Length);
        Assert.Equal(ncells, types.Length);
        Assert.Equal(conn.Length, (int)offsets[^1]);
        double prev = 0;
        foreach (var o in offsets) { Assert.True(o > prev); prev = o; }
        Assert.All(conn, c => Assert.InRange(c, 0, npts - 1));
        bool poly = d == 2 && m.Polygons is not null;
        Assert.All(types, t => Assert.Equal(poly ? VtuWriter.VtkPolygon : VtuWriter.VtkVertex, (int)t));
        if (poly) for (int k = 0; k < ncells; k++) Assert.True(offsets[k] - (k == 0 ? 0 : offsets[k - 1]) >= 3);
        Assert.Equal(m.CellMeasures, Numbers(arrays["measure"]));
        Assert.Equal(density, Numbers(arrays["density"]));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Vtu_rejects_a_field_of_the_wrong_length()
    {
        var m = MeshTestSupport.Get("icosahedral", 2, 0);
        Assert.Throws<ArgumentException>(() => VtuWriter.Write(Path.Combine(TempDir(), "x.vtu"), m, new Dictionary<string, double[]> { ["rho"] = [1.0] }));
    }

    [Fact]
    public void Csv_has_header_and_round_trip_numbers()
    {
        var m = MeshTestSupport.Get("hyperspherical", 3, 0);
        string path = Path.Combine(TempDir(), "mesh.csv");
        MeshCsv.Write(path, m);
        var lines = File.ReadAllLines(path);
        Assert.Equal("cell,measure,eta0,eta1,eta2,eta3", lines[0]);
        Assert.Equal(m.CellCount + 1, lines.Length);
        for (int k = 0; k < m.CellCount; k++)
        {
            var f = lines[k + 1].Split(',');
            Assert.Equal(k, int.Parse(f[0], CultureInfo.InvariantCulture));
            Assert.Equal(m.CellMeasures[k], double.Parse(f[1], CultureInfo.InvariantCulture));
            for (int c = 0; c < 4; c++) Assert.Equal(m.Centers[4 * k + c], double.Parse(f[2 + c], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Quality_report_lines_are_aligned()
    {
        var lines = MeshQuality.Compute(MeshTestSupport.Get("latlong", 2, 1)).ToLines();
        Assert.Contains(lines, l => l.StartsWith("cells", StringComparison.Ordinal) && l.EndsWith("98", StringComparison.Ordinal));
        // Labels hold single spaces only; the value starts after the first double space, at the same column on every line.
        static int ValueColumn(string l)
        {
            int i = l.IndexOf("  ", StringComparison.Ordinal);
            while (i >= 0 && i < l.Length && l[i] == ' ') i++;
            return i;
        }
        int col = ValueColumn(lines[0]);
        Assert.True(col > 0);
        Assert.All(lines, l => Assert.Equal(col, ValueColumn(l)));
    }

    [Fact]
    public void Mesh_command_prints_report_and_writes_files()
    {
        string dir = TempDir();
        var o = new StringWriter(CultureInfo.InvariantCulture); var e = new StringWriter(CultureInfo.InvariantCulture);
        int rc = MeshCommand.Run("icosahedral", 2, 2, dir, o, e);
        Assert.Equal(0, rc);
        Assert.Contains("cells", o.ToString(), StringComparison.Ordinal);
        Assert.Contains("162", o.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "mesh.vtu")));
        Assert.True(File.Exists(Path.Combine(dir, "mesh.csv")));
        Assert.Equal("", e.ToString());
    }

    [Theory]
    [InlineData("bogus", 2, 1, "unknown mesh kind")]
    [InlineData("icosahedral", 3, 1, "supports only d = 2")]
    [InlineData("icosahedral", 2, 12, "out of range")]
    [InlineData("hyperspherical", 0, 0, "--dim")]
    [InlineData("hyperspherical", 3, 9, "out of range")]
    public void Mesh_command_bad_input_is_one_line_and_exit_2(string kind, int d, int level, string message)
    {
        var o = new StringWriter(CultureInfo.InvariantCulture); var e = new StringWriter(CultureInfo.InvariantCulture);
        int rc = MeshCommand.Run(kind, d, level, null, o, e);
        Assert.Equal(2, rc);
        var err = e.ToString().TrimEnd('\n', '\r');
        Assert.DoesNotContain('\n', err);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Mesh_command_parses_its_options()
    {
        var cmd = MeshCommand.Create();
        Assert.Equal("mesh", cmd.Name);
        Assert.Empty(cmd.Parse(["--dim", "2", "--kind", "latlong", "--level", "1"]).Errors);
        Assert.NotEmpty(cmd.Parse(["--kind", "latlong", "--level", "1"]).Errors);
    }
}

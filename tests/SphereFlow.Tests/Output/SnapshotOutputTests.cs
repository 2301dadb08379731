using System.Globalization;
using System.Xml.Linq;
using SphereFlow.IO;
using SphereFlow.Measures;
using SphereFlow.Meshes;
using SphereFlow.Solvers.Initialization;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Output;

/// <summary>
/// Snapshot writers, checked by parsing what they wrote: a ParaView series (.pvd index of VTU meshes with cell data
/// density and mass, or of VTP point clouds with mass) and the HDF5 run file through its own reader.
/// </summary>
public class SnapshotOutputTests
{
    private static double[] Numbers(XElement array) =>
        [.. array.Value.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    /// <summary>The (time, file) entries of a .pvd file, files resolved against the index's folder.</summary>
    private static List<(double T, string File)> ReadPvd(string pvd)
    {
        var doc = XDocument.Load(pvd);
        Assert.Equal("Collection", doc.Root!.Attribute("type")!.Value);
        return [.. doc.Descendants("DataSet").Select(d => (Attr(d, "timestep"), Path.Combine(Path.GetDirectoryName(pvd)!, d.Attribute("file")!.Value)))];
    }

    [Fact]
    public void Mesh_snapshots_form_a_pvd_series_of_vtu_files_with_density_and_mass()
    {
        var mesh = IcosahedralMesh.Create(2);
        string dir = CliRunner.TempDir();
        var series = new VtkSnapshotSeries(dir, "nu");
        double[] times = [0, 0.5, 2];
        double[] kappas = [0, 4, 16]; // a bump that sharpens: κ = 0 is the uniform measure
        double[] centre = [0, 0, 1];
        var masses = kappas.Select(k => MeshInitialDensities.VonMises(mesh, centre, k, [1.0])).ToList();
        for (int i = 0; i < times.Length; i++)
        {
            var m = masses[i];
            series.Add(times[i], "vtu", p => MeshSnapshotVtu.Write(p, mesh, m));
        }

        var entries = ReadPvd(series.IndexPath);
        Assert.Equal(times, entries.Select(e => e.T));
        for (int i = 0; i < entries.Count; i++)
        {
            var doc = XDocument.Load(entries[i].File);
            var piece = doc.Descendants("Piece").Single();
            Assert.Equal(mesh.CellCount, (int)Attr(piece, "NumberOfCells"));
            var cellData = doc.Descendants("CellData").Single().Elements("DataArray").ToDictionary(a => a.Attribute("Name")!.Value, Numbers);
            var rho = cellData["density"];
            var mass = cellData["mass"];
            var measure = cellData["measure"];
            Assert.Equal(mesh.CellCount, rho.Length);
            Assert.Equal(masses[i], mass);
            // Total mass 1 (the von Mises mixture is normalised on the mesh) to round-off of a 162-term sum.
            Assert.Equal(1.0, mass.Sum(), 1e-13);
            for (int k = 0; k < rho.Length; k++) Assert.Equal(mass[k], rho[k] * measure[k], 1e-15);
            // Range: uniform density 1/(4π) at κ = 0; the bump's maximum sits in the cell at the north pole.
            Assert.All(rho, r => Assert.True(r >= 0));
            int top = mesh.Locate(centre);
            if (kappas[i] == 0) Assert.Equal(1 / (4 * Math.PI), rho.Max(), 1e-12);
            else Assert.Equal(rho.Max(), rho[top]);
            if (i > 0) Assert.True(rho.Max() > XRange(entries[i - 1].File), "the density sharpens over the series");
        }
    }

    private static double XRange(string vtu) =>
        Numbers(XDocument.Load(vtu).Descendants("DataArray").Single(a => a.Attribute("Name")!.Value == "density")).Max();

    [Theory]
    [InlineData(3, 50)]
    [InlineData(2, 20)]
    public void Particle_snapshots_are_vtp_point_clouds_with_mass(int dim, int m)
    {
        var nu = ParticleInitialMeasures.Uniform(dim, m, 2.5, 7);
        for (int j = 0; j < m; j++) nu.Mass[j] *= 1 + j; // unequal masses
        string dir = CliRunner.TempDir();
        var series = new VtkSnapshotSeries(dir, "particles");
        series.Add(0, "vtp", p => VtpWriter.Write(p, nu));
        series.Add(1, "vtp", p => VtpWriter.Write(p, nu));
        var entries = ReadPvd(series.IndexPath);
        Assert.Equal(2, entries.Count);
        var doc = XDocument.Load(entries[1].File);
        Assert.Equal("PolyData", doc.Root!.Attribute("type")!.Value);
        var piece = doc.Descendants("Piece").Single();
        Assert.Equal(m, (int)Attr(piece, "NumberOfPoints"));
        Assert.Equal(m, (int)Attr(piece, "NumberOfVerts"));
        var arrays = doc.Descendants("DataArray").ToDictionary(a => a.Attribute("Name")!.Value, Numbers);
        Assert.Equal(nu.Mass, arrays["mass"]);
        var pts = arrays["Points"];
        Assert.Equal(3 * m, pts.Length);
        for (int j = 0; j < m; j++)
        {
            double n2 = pts[3 * j] * pts[3 * j] + pts[3 * j + 1] * pts[3 * j + 1] + pts[3 * j + 2] * pts[3 * j + 2];
            Assert.Equal(1.0, n2, 1e-14); // atoms of S^1 and S^2 are unit vectors, written in 3D (z = 0 on S^1)
            if (dim == 2) Assert.Equal(0.0, pts[3 * j + 2]);
            Assert.Equal(nu.Points[j * dim], arrays["first_coordinate"][j]);
        }
        Assert.Equal(Enumerable.Range(0, m).Select(j => (double)j), arrays["connectivity"]);
        Assert.Equal(Enumerable.Range(1, m).Select(j => (double)j), arrays["offsets"]);
    }

    [Fact]
    public void A_series_refuses_time_going_backwards()
    {
        var series = new VtkSnapshotSeries(CliRunner.TempDir(), "nu");
        series.Add(1, "vtp", p => File.WriteAllText(p, "x"));
        Assert.Throws<ArgumentException>(() => series.Add(0.5, "vtp", p => File.WriteAllText(p, "x")));
        Assert.Single(ReadPvd(series.IndexPath));
    }

    [Fact]
    public void Hdf5_run_file_round_trips_the_series_and_snapshots_bit_for_bit()
    {
        var mesh = IcosahedralMesh.Create(1);
        var cells = new Measure(3, MeshInitialDensities.VonMises(mesh, [1, 0, 0], 3, [0.7]), (double[])mesh.Centers.Clone());
        var particles = ParticleInitialMeasures.Uniform(3, 17, 1.0, 3);
        string[] header = ["step", "t", "energy", "dt"];
        double[][] rows = [[0, 0, 1.5, double.NaN], [10, 0.5, 1.25, 0.05], [20, 1.0, double.PositiveInfinity, 0.05]];
        var archive = new RunArchive(new NumericTable(header, rows),
            [new MeasureSnapshot(0, 0, particles), new MeasureSnapshot(20, 1.0, cells, mesh.CellMeasures)],
            new Dictionary<string, string> { ["solver"] = "mesh", ["flow"] = "wfr" });
        string path = Path.Combine(CliRunner.TempDir(), "run.h5");
        RunArchiveHdf5.Write(path, archive);

        var back = RunArchiveHdf5.Read(path);
        Assert.Equal(header, back.Series.Header);
        Assert.Equal(rows.Length, back.Series.Rows.Length);
        for (int r = 0; r < rows.Length; r++)
            Assert.Equal(rows[r].Select(BitConverter.DoubleToInt64Bits), back.Series.Rows[r].Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal("mesh", back.Attributes["solver"]);
        Assert.Equal("wfr", back.Attributes["flow"]);
        Assert.Equal(2, back.Snapshots.Count);
        foreach (var (a, b) in archive.Snapshots.Zip(back.Snapshots))
        {
            Assert.Equal(a.Step, b.Step);
            Assert.Equal(a.T, b.T);
            Assert.Equal(a.Nu.AmbientDim, b.Nu.AmbientDim);
            Assert.Equal(a.Nu.Mass, b.Nu.Mass);
            Assert.Equal(a.Nu.Points, b.Nu.Points);
            Assert.Equal(a.CellMeasures, b.CellMeasures);
        }
        Assert.Null(back.Snapshots[0].CellMeasures);
        Assert.Equal(mesh.CellCount, back.Snapshots[1].Nu.Count);
    }

    [Fact]
    public void Reading_a_file_that_is_not_a_run_file_names_it()
    {
        string path = Path.Combine(CliRunner.TempDir(), "bad.h5");
        File.WriteAllText(path, "not hdf5 at all");
        var e = Assert.Throws<InputException>(() => RunArchiveHdf5.Read(path));
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using SphereFlow.IO;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.Cli;

/// <summary>
/// <c>output.snapshots</c> in real runs, checked by parsing what was written: a mesh run's ParaView series (nu.pvd of VTU
/// files with cell data density, mass and measure), a particle run's VTP point clouds, the HDF5 run file (through the
/// project's reader: the same numbers as the VTK files and series.csv, bit for bit) and one density picture per snapshot.
/// </summary>
public class RunSnapshotTests
{
    private static double[] Numbers(XElement array) =>
        [.. array.Value.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture))];

    private static List<(double T, string File)> ReadPvd(string pvd)
    {
        var doc = XDocument.Load(pvd);
        Assert.Equal("Collection", doc.Root!.Attribute("type")!.Value);
        return [.. doc.Descendants("DataSet").Select(d => (double.Parse(d.Attribute("timestep")!.Value, CultureInfo.InvariantCulture),
                                                          Path.Combine(Path.GetDirectoryName(pvd)!, d.Attribute("file")!.Value)))];
    }

    private static bool IsPng(string path) => File.Exists(path) && File.ReadAllBytes(path).AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

    [Fact]
    public void A_mesh_run_writes_a_vtu_pvd_series_an_hdf5_file_and_density_maps_that_agree()
    {
        string dir = CliRunner.TempDir();
        string o = Path.Combine(dir, "mesh");
        // Figure-2 mesh case on the level-2 icosahedral grid (162 cells), snapshots at t = 0, 0.5, 1, 1.5.
        var r = CliRunner.Run(dir, "run", BundledCases.Path("teacher2d-mesh.yaml"), "--out", o, "--quiet",
                              "--set", "solver.mesh.level=2", "--set", "solver.t_end=1.5", "--set", "output.every=5", "--set", "output.bound_cells=0",
                              "--set", "output.snapshots={times: [0, 0.5, 1, 1.5]}");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var entries = ReadPvd(Path.Combine(o, "nu.pvd"));
        Assert.Equal([0, 0.5, 1, 1.5], entries.Select(e => e.T));
        var archive = RunArchiveHdf5.Read(Path.Combine(o, "run.h5"));
        Assert.Equal(4, archive.Snapshots.Count);
        var series = NumericCsv.Read(Path.Combine(o, "series.csv"), allowNonFinite: true);
        // The HDF5 series is series.csv, bit for bit.
        Assert.Equal(series.Header, archive.Series.Header);
        Assert.Equal(series.Rows.Length, archive.Series.Rows.Length);
        for (int i = 0; i < series.Rows.Length; i++)
            Assert.Equal(series.Rows[i].Select(BitConverter.DoubleToInt64Bits), archive.Series.Rows[i].Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal("mesh", archive.Attributes["solver"]);
        double mass0 = series.Rows[0][3];
        for (int i = 0; i < entries.Count; i++)
        {
            var doc = XDocument.Load(entries[i].File);
            Assert.Equal("UnstructuredGrid", doc.Root!.Attribute("type")!.Value);
            var piece = doc.Descendants("Piece").Single();
            Assert.Equal(162, int.Parse(piece.Attribute("NumberOfCells")!.Value, CultureInfo.InvariantCulture));
            var cells = doc.Descendants("CellData").Single().Elements("DataArray").ToDictionary(a => a.Attribute("Name")!.Value, Numbers);
            var snap = archive.Snapshots[i];
            Assert.Equal(entries[i].T, snap.T);
            // The VTU's numbers are the HDF5 snapshot's (round-trip text): masses, densities M_K/|K| and measures.
            Assert.Equal(snap.Nu.Mass, cells["mass"]);
            Assert.Equal(snap.Density(), cells["density"]);
            Assert.Equal(snap.CellMeasures, cells["measure"]);
            // Ranges: non-negative densities; total mass from 1 at t = 0 (uniform ν₀), equal to the series' mass at that time.
            Assert.All(cells["density"], d => Assert.True(d >= 0 && double.IsFinite(d)));
            var row = series.Rows.Single(x => x[0] == snap.Step);
            Assert.Equal(row[3], cells["mass"].Sum(), 1e-12 * row[3]);
            if (i == 0) Assert.Equal(1 / (4 * Math.PI), cells["density"].Average(), 0.05 / (4 * Math.PI));
            Assert.True(IsPng(Path.Combine(o, "plots", "snapshots", $"density-map-{i:D6}.png")), $"no picture of snapshot {i}");
        }
        Assert.Equal(1.0, mass0, 1e-12);
        // The WFR flow moves mass into the teacher's directions: the density spreads (its maximum grows).
        double Max(int i) => archive.Snapshots[i].Density()!.Max();
        Assert.True(Max(3) > Max(0), $"max density {Max(0)} → {Max(3)}");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(o, "summary.json")));
        Assert.Equal(4, summary.RootElement.GetProperty("snapshots").GetInt32());
    }

    [Fact]
    public void A_particle_run_writes_vtp_point_clouds_every_n_steps()
    {
        string dir = CliRunner.TempDir();
        string o = Path.Combine(dir, "p");
        var r = CliRunner.Run(dir, "run", BundledCases.Path("deconv-s1-particles.yaml"), "--out", o, "--quiet",
                              "--set", "solver.t_end=2", "--set", "solver.stepper=rk4", "--set", "solver.dt=0.02", "--set", "output.snapshots={every: 25}");
        Assert.True(r.ExitCode == 0, r.StdErr);
        var entries = ReadPvd(Path.Combine(o, "nu.pvd"));
        var archive = RunArchiveHdf5.Read(Path.Combine(o, "run.h5"));
        Assert.Equal([0L, 25, 50, 75, 100], archive.Snapshots.Select(s => s.Step));
        Assert.Equal(5, entries.Count);
        for (int i = 0; i < entries.Count; i++)
        {
            Assert.EndsWith(".vtp", entries[i].File, StringComparison.Ordinal);
            var doc = XDocument.Load(entries[i].File);
            var arrays = doc.Descendants("DataArray").ToDictionary(a => a.Attribute("Name")!.Value, Numbers);
            Assert.Equal(30, arrays["mass"].Length);
            Assert.Equal(archive.Snapshots[i].Nu.Mass, arrays["mass"]);
            Assert.Equal(entries[i].T, archive.Snapshots[i].T);
            Assert.Null(archive.Snapshots[i].CellMeasures);
            Assert.True(IsPng(Path.Combine(o, "plots", "snapshots", $"measure-angle-{i:D6}.png")), $"no picture of snapshot {i}");
        }
    }
}

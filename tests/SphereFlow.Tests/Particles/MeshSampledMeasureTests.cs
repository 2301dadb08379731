using SphereFlow.Meshes;
using SphereFlow.Solvers.Initialization;

namespace SphereFlow.Tests.Particles;

/// <summary>Particles sampled from a mesh density.</summary>
public class MeshSampledMeasureTests
{
    [Theory]
    [InlineData(MeshSampledMeasure.Placement.Center)]
    [InlineData(MeshSampledMeasure.Placement.Jitter)]
    public void Cell_frequencies_follow_the_cell_masses_and_particles_stay_in_their_cells(MeshSampledMeasure.Placement placement)
    {
        var mesh = UniformCircleMesh.Create(8);
        double[] mass = [0, 1, 2, 0, 3, 0, 0, 4];
        const int m = 40_000;
        var nu = MeshSampledMeasure.Sample(mesh, mass, m, placement, 5);
        Assert.Equal(10.0, nu.TotalMass, 9);
        var counts = new int[8];
        for (int j = 0; j < m; j++)
        {
            int cell = mesh.Locate(nu.Point(j));
            counts[cell]++;
            if (placement == MeshSampledMeasure.Placement.Center) Assert.True(nu.Point(j).SequenceEqual(mesh.Center(cell)));
        }
        for (int k = 0; k < 8; k++)
        {
            double p = mass[k] / 10, se = Math.Sqrt(p * (1 - p) / m);
            Assert.True(Math.Abs(counts[k] / (double)m - p) <= 4 * se + 1e-15, $"cell {k}: {counts[k]} of {m}, p = {p}");
        }
        if (placement == MeshSampledMeasure.Placement.Jitter)
        {
            // Uniform inside the cell: the angle offset from the centre has mean ≈ 0 and spread ≈ h/√12.
            double h = 2 * Math.PI / 8, s = 0, s2 = 0;
            for (int j = 0; j < m; j++)
            {
                var eta = nu.Point(j);
                var c = mesh.Center(mesh.Locate(eta));
                double d = Math.Atan2(c[0] * eta[1] - c[1] * eta[0], c[0] * eta[0] + c[1] * eta[1]);
                s += d; s2 += d * d;
            }
            double sd = Math.Sqrt(s2 / m);
            Assert.InRange(sd, 0.97 * h / Math.Sqrt(12), 1.03 * h / Math.Sqrt(12));
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(1001)]
    public void Stratified_sampling_gives_every_cell_the_floor_or_ceiling_of_its_expected_count(int m)
    {
        var mesh = UniformCircleMesh.Create(8);
        double[] mass = [0, 1, 2, 0, 3, 0, 0.5, 4];
        for (int seed = 1; seed <= 20; seed++)
        {
            var nu = MeshSampledMeasure.Sample(mesh, mass, m, MeshSampledMeasure.Placement.Center, MeshSampledMeasure.Sampling.Stratified, seed);
            var counts = new int[8];
            for (int j = 0; j < m; j++) counts[mesh.Locate(nu.Point(j))]++;
            for (int k = 0; k < 8; k++)
            {
                double expected = m * mass[k] / 10.5;
                Assert.InRange(counts[k], Math.Floor(expected), Math.Ceiling(expected));
            }
        }
    }
}

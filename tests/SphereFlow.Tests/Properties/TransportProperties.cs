using System.Numerics.Tensors;
using SphereFlow.Solvers.FiniteVolume;

namespace SphereFlow.Tests.Properties;

/// <summary>The upwind transport operator: fluxes cancel in pairs, and mass only flows from high J to low J.</summary>
[Collection(SolverPropertyCollection.Name)]
public class TransportProperties
{
    /// <summary>
    /// Σ_K dM_K/dt = 0 to round-off (1e-14 of Σ|dM_K/dt|), and a cell whose J is at least every neighbour's receives nothing
    /// (dM_K/dt ≤ 0), a cell whose J is at most every neighbour's loses nothing (dM_K/dt ≥ 0): every mesh, limiter, potential.
    /// </summary>
    [SolverProperty]
    public void Upwind_transport_conserves_mass_and_moves_it_only_downhill(MeshCase c)
    {
        var mesh = c.Grid;
        var potential = c.Potential();
        var j = new double[mesh.CellCount];
        for (int k = 0; k < j.Length; k++) j[k] = potential.Value(mesh.Center(k));
        var mass = c.Masses();
        var rate = new double[mesh.CellCount];
        new UpwindTransport(mesh, c.Flow.Beta, c.Limiter).Rate(mass, j, rate);
        double scale = rate.Sum(Math.Abs);
        Assert.True(Math.Abs(TensorPrimitives.Sum(rate)) <= 1e-14 * scale, $"Σ dM/dt = {TensorPrimitives.Sum(rate):R} against Σ|dM/dt| = {scale:R}");
        for (int k = 0; k < mesh.CellCount; k++)
        {
            bool top = true, bottom = true;
            for (int e = mesh.FaceStart[k]; e < mesh.FaceStart[k + 1]; e++)
            {
                top &= j[k] >= j[mesh.Neighbors[e]];
                bottom &= j[k] <= j[mesh.Neighbors[e]];
            }
            if (top) Assert.True(rate[k] <= 0, $"cell {k} at a maximum of J gains mass ({rate[k]:R})");
            if (bottom) Assert.True(rate[k] >= 0, $"cell {k} at a minimum of J loses mass ({rate[k]:R})");
        }
    }
}

using SphereFlow.Measures;
using SphereFlow.Flows;

namespace SphereFlow.Solvers.BirthDeath;

/// <summary>
/// The stochastic birth–death step of Rotskoff et al. (ICML 2019) for a population of m particles. With
/// r_j = α (J_j − J̄) Δt, particle j is killed with probability 1 − exp(−r_j⁺) or cloned (one copy) with probability
/// 1 − exp(−r_j⁻); then the population is restored to exactly m by removing uniformly chosen particles (too many) or
/// cloning uniformly chosen ones (too few). Every particle draws exactly one uniform number, then one draw per
/// removal/cloning, so the random stream is reproducible. Masses travel with their particles: for equal masses
/// (the algorithm's setting) they are copies of one value, so m and the total mass stay exactly constant; unequal masses
/// are rescaled to the previous total.
/// </summary>
public static class StochasticBirthDeath
{
    /// <summary>Applies one step in place; returns (kills, clones) before the population is restored.</summary>
    public static (int Killed, int Cloned) Apply(Measure state, ReadOnlySpan<double> j, double jBar, double alpha, double dt, Random rng)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rng);
        int m = state.Count, dim = state.AmbientDim;
        if (j.Length != m) throw new ArgumentException("J and population sizes differ");
        double total = state.TotalMass;
        bool equal = true;
        for (int q = 1; q < m && equal; q++) equal = state.Mass[q] == state.Mass[0];
        // Sources: survivors in order, then one copy of each cloned particle.
        var source = new List<int>(m + m / 4 + 4);
        var clones = new List<int>();
        int killed = 0;
        for (int q = 0; q < m; q++)
        {
            double r = alpha * (j[q] - jBar) * dt;
            double u = rng.NextDouble();
            if (r > 0)
            {
                if (u < -double.ExpM1(-r)) { killed++; continue; }   // 1 − e^{−r}, accurate for small r
            }
            else if (r < 0 && u < -double.ExpM1(r)) clones.Add(q);
            source.Add(q);
        }
        int cloned = clones.Count;
        source.AddRange(clones);
        if (source.Count == 0) return (killed, cloned);    // everyone died: keep the population (cannot restore from nothing)
        while (source.Count > m)
        {
            int pick = rng.Next(source.Count);
            source[pick] = source[^1];
            source.RemoveAt(source.Count - 1);
        }
        int present = source.Count;
        while (source.Count < m) source.Add(source[rng.Next(present)]);
        var mass = new double[m];
        var points = new double[m * dim];
        for (int q = 0; q < m; q++)
        {
            int s = source[q];
            mass[q] = state.Mass[s];
            Array.Copy(state.Points, s * dim, points, q * dim, dim);
        }
        mass.CopyTo(state.Mass, 0);
        points.CopyTo(state.Points, 0);
        if (!equal) MassRenormalization.Rescale(state.Mass, total);
        return (killed, cloned);
    }
}

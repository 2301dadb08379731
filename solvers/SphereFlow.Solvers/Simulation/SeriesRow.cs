namespace SphereFlow.Solvers.Simulation;

/// <summary>One row of <c>series.csv</c>.</summary>
public sealed record SeriesRow(long Step, double T, Snapshot Diagnostics, double Dt, long Rejections, double Cfl, long Evaluations, double WallSeconds)
{
    /// <summary>
    /// The CSV header (begins with the fixed columns <c>step,t,energy,mass,min_J</c>). <c>min_J</c> is an estimate (the smallest J
    /// found, see <see cref="Snapshot.MinJ"/>); <c>min_J_lower_bound</c> is the rigorous bound (NaN where none), and
    /// <c>gap_bound</c> comes from it only (NaN where there is no bound).
    /// </summary>
    public static readonly string[] Header =
        ["step", "t", "energy", "mass", "min_J", "min_J_lower_bound", "integral_J", "dissipation", "gap_bound", "dt", "rejections", "cfl", "evaluations", "wall_seconds"];

    /// <summary>The row as numbers in header order.</summary>
    public double[] ToArray() =>
        [Step, T, Diagnostics.Energy, Diagnostics.Mass, Diagnostics.MinJ, Diagnostics.MinJLowerBound, Diagnostics.IntegralJ, Diagnostics.Dissipation,
         Diagnostics.GapBound, Dt, Rejections, Cfl, Evaluations, WallSeconds];

    /// <summary>Parses a row written by <see cref="ToArray"/>.</summary>
    public static SeriesRow FromArray(double[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new SeriesRow((long)v[0], v[1], new Snapshot(v[2], v[3], v[4], v[6], v[7], v[8], v[5]), v[9], (long)v[10], v[11], (long)v[12], v[13]);
    }
}

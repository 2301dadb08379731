namespace SphereFlow.Solvers.Simulation;

/// <summary>One row of <c>series.csv</c>.</summary>
public sealed record SeriesRow(long Step, double T, Snapshot Diagnostics, double Dt, long Rejections, double Cfl, long Evaluations, double WallSeconds)
{
    /// <summary>The CSV header (begins with the fixed columns <c>step,t,energy,mass,min_J</c>).</summary>
    public static readonly string[] Header =
        ["step", "t", "energy", "mass", "min_J", "integral_J", "dissipation", "gap_bound", "dt", "rejections", "cfl", "evaluations", "wall_seconds"];

    /// <summary>The row as numbers in header order.</summary>
    public double[] ToArray() =>
        [Step, T, Diagnostics.Energy, Diagnostics.Mass, Diagnostics.MinJ, Diagnostics.IntegralJ, Diagnostics.Dissipation,
         Diagnostics.GapBound, Dt, Rejections, Cfl, Evaluations, WallSeconds];

    /// <summary>Parses a row written by <see cref="ToArray"/>.</summary>
    public static SeriesRow FromArray(double[] v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new SeriesRow((long)v[0], v[1], new Snapshot(v[2], v[3], v[4], v[5], v[6], v[7]), v[8], (long)v[9], v[10], (long)v[11], v[12]);
    }
}

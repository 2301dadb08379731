using SphereFlow.Flows;
using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;


using SphereFlow.Solvers.Stepping;
using SphereFlow.Solvers.Weights;

namespace SphereFlow.Tests.Properties;

/// <summary>Small independent computations the properties compare solvers against (written here, not taken from the solvers).</summary>
internal static class PropertyMath
{
    /// <summary>J and ∇_s J at the atoms of ν.</summary>
    public static (double[] J, double[] Grad, double Energy) FirstVariation(IObjective objective, Measure nu)
    {
        var lin = objective.Linearize(nu);
        var j = new double[nu.Count];
        var g = new double[nu.Points.Length];
        lin.Evaluate(nu.Points, j, g);
        return (j, g, lin.Energy);
    }

    /// <summary>
    /// The largest |r| of a one-step residual at a small step, and the largest |r| over the components and the larger steps:
    /// the two sides of the consistency test |r(t_small)| ≤ ¼ max |r(t_i)| + floor, with t_small ≤ max t_i / 16.
    /// <para>
    /// Why it separates consistent from inconsistent steps without assuming r smooth in t: for a consistent step
    /// r(t) = O(t), and where the rate is smooth r(t) = a t + b t² + …, so r(t_small) is 1/16 or less of r at the largest
    /// step up to cancellation, and a + b t cannot vanish at two distinct steps unless a = b = 0 (the halving test
    /// |r(h)| ≤ 0.6 |r(2h)| fails where a + b h vanishes at the tested h). Where the rate is only Lipschitz (a limiter
    /// switching branch, a ReLU kink), r(t) is still at most C·L·t·|rate| for a consistent step. An inconsistent step
    /// leaves a constant error e: then |r| ≈ |e| at every step and the test fails. (A quadratic extrapolation to t = 0 through
    /// three steps also separates them, but only where r is smooth over the steps: it failed on correct MUSCL steps whose
    /// limiter switched branch inside the largest step.)
    /// </para>
    /// </summary>
    public static (double Small, double Largest) ShrinkingResidual(double[] small, params double[][] larger)
    {
        double r = 0, largest = 0;
        foreach (double v in small) r = Math.Max(r, Math.Abs(v));
        foreach (var run in larger)
            foreach (double v in run) largest = Math.Max(largest, Math.Abs(v));
        return (r, largest);
    }

    /// <summary>The reaction shift s: the mass-weighted mean of J for birth–death, else 0.</summary>
    public static double Shift(FlowSpec flow, Measure nu, double[] j)
    {
        if (flow.Kind != FlowKind.BirthDeath) return 0;
        double mj = 0, m = 0;
        for (int q = 0; q < nu.Count; q++) { mj += nu.Mass[q] * j[q]; m += nu.Mass[q]; }
        return m > 0 ? mj / m : 0;
    }

    /// <summary>Largest difference of masses (relative to the total) and of positions of atoms with positive mass (geodesic).</summary>
    public static double Distance(Measure a, Measure b)
    {
        if (a.Count != b.Count || a.AmbientDim != b.AmbientDim) return double.PositiveInfinity;
        double total = Math.Max(a.TotalMass, 1e-300), worst = 0;
        for (int q = 0; q < a.Count; q++)
        {
            worst = Math.Max(worst, Math.Abs(a.Mass[q] - b.Mass[q]) / total);
            if (a.Mass[q] > 1e-12 * total) worst = Math.Max(worst, Sphere.Distance(a.Point(q), b.Point(q)));
        }
        return double.IsNaN(worst) ? double.PositiveInfinity : worst;
    }

    /// <summary>
    /// How much the run amplifies a small change of its initial measure: the distance at <paramref name="tEnd"/> between the runs
    /// from <paramref name="start"/> and from a copy whose points are moved by δ = 1e-9 (geodesic, random tangent directions)
    /// and whose masses are scaled by 1 ± δ, divided by δ (at least 1). Round-off differences between two runs that agree in
    /// exact arithmetic (a rotated, permuted or split copy) grow by the same factor, so invariance tolerances scale with it.
    /// </summary>
    public static double Growth(Func<Measure, ISolver> make, Measure start, double tEnd, double dt, int seed)
    {
        const double delta = 1e-9;
        var rng = new Random(seed);
        var moved = new Measure(start.AmbientDim, start.Count);
        var dir = new double[start.AmbientDim];
        for (int q = 0; q < start.Count; q++)
        {
            moved.Mass[q] = start.Mass[q] * (1 + delta * (2 * rng.NextDouble() - 1));
            var p = moved.Point(q);
            start.Point(q).CopyTo(p);
            for (int c = 0; c < dir.Length; c++) dir[c] = Sphere.Gaussian(rng);
            Sphere.ProjectTangent(p, dir);
            double norm = Sphere.Norm(dir);
            if (norm == 0) continue;
            for (int c = 0; c < dir.Length; c++) p[c] += delta * dir[c] / norm;
            Sphere.Normalize(p);
        }
        var a = make(start);
        var b = make(moved);
        RunTo(a, tEnd, dt);
        RunTo(b, tEnd, dt);
        return Math.Max(1, Distance(a.Current, b.Current) / delta);
    }

    /// <summary>Runs <paramref name="steps"/> steps of <paramref name="dt"/>.</summary>
    public static void Run(ISolver solver, int steps, double dt)
    {
        for (int s = 0; s < steps; s++) solver.Advance(dt);
    }

    /// <summary>Advances to exactly <paramref name="tEnd"/> in steps of at most <paramref name="dt"/>.</summary>
    public static void RunTo(ISolver solver, double tEnd, double dt)
    {
        while (solver.Time < tEnd * (1 - 1e-14)) solver.Advance(Math.Min(dt, tEnd - solver.Time));
    }

    /// <summary>The checkpoint bytes of a solver (kind, clock and state, as the CLI writes them).</summary>
    public static byte[] Checkpoint(ISolver solver)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Write(w, solver);
        return buffer.ToArray();
    }

    /// <summary>Restores a solver from checkpoint bytes.</summary>
    public static void Restore(ISolver solver, byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        SolverCheckpoint.Read(r, solver);
    }

    /// <summary>True when both measures hold the same bits.</summary>
    public static bool BitIdentical(Measure a, Measure b) => a.Mass.AsSpan().SequenceEqual(b.Mass) && a.Points.AsSpan().SequenceEqual(b.Points);

    /// <summary>Largest |J| and |∇_s J| over the atoms (scales for step bounds and tolerances).</summary>
    public static (double JMax, double GradMax) Scales(double[] j, double[] grad, int dim)
    {
        double jm = 0, gm = 0;
        foreach (var v in j) jm = Math.Max(jm, Math.Abs(v));
        for (int q = 0; q < j.Length; q++) gm = Math.Max(gm, Sphere.Norm(grad.AsSpan(q * dim, dim)));
        return (jm, gm);
    }

    /// <summary>
    /// True when a ReLU map's kink b·x_i + c = 0 of some data point lies within geodesic distance <paramref name="margin"/> of an
    /// atom (J is only piecewise smooth there, so smooth-ODE arguments do not apply; atoms of zero mass count, because their
    /// positions still follow −β∇_s J, which jumps across a kink). False for smooth maps.
    /// </summary>
    public static bool NearKink(ProblemSpec p, Measure nu, double margin)
    {
        if (p.Features != "relu" && p.Features != "relu-bias") return false;
        var data = p.Data();
        int k = p.InputDim, n = data.Count;
        for (int q = 0; q < nu.Count; q++)
        {
            var eta = nu.Point(q);   // atoms of zero mass too: they still move along −β∇J, which jumps at a kink
            for (int i = 0; i < n; i++)
            {
                double s = p.Features == "relu-bias" ? eta[k + 1] : 0, norm2 = p.Features == "relu-bias" ? 1 : 0;
                for (int c = 0; c < k; c++) { double x = data.X[c * n + i]; s += eta[1 + c] * x; norm2 += x * x; }
                if (Math.Abs(s) <= margin * Math.Sqrt(norm2)) return true;
            }
        }
        return false;
    }
}

using System.Globalization;
using System.Text;
using SphereFlow.Problems;
using SphereFlow.Solvers.Resources;

namespace SphereFlow.Solvers.Simulation;

/// <summary>
/// What a case will cost, estimated from its specification before anything is allocated: memory term by term
/// (<see cref="MemoryModel"/>; an estimate, not a bound), the number of steps (at least t_end/dt: solvers that choose their
/// own steps take dt as a cap) and of snapshots.
/// </summary>
/// <param name="Terms">Memory terms.</param>
/// <param name="MinSteps">At least this many steps: t_end/dt, rounded up.</param>
/// <param name="Snapshots">Snapshots the run writes, at most.</param>
public sealed record ResourceEstimate(IReadOnlyList<MemoryTerm> Terms, double MinSteps, double Snapshots)
{
    /// <summary>Total bytes.</summary>
    public double Bytes => Terms.Sum(t => t.Bytes);

    /// <summary>The estimate of <paramref name="spec"/> for a problem in R^<paramref name="ambientDim"/> with <paramref name="dataPoints"/> points of input dimension <paramref name="inputDim"/>.</summary>
    public static ResourceEstimate For(CaseSpec spec, int ambientDim, long dataPoints, int inputDim)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double steps = Math.Ceiling(spec.Solver.TEnd / spec.Solver.Dt * (1 - 1e-12));
        var terms = new List<MemoryTerm> { new("the .NET runtime, code and plotting library", "", MemoryModel.Runtime) };
        string dataKeys = spec.Problem.Data switch
        {
            CsvDataSpec => "problem.data.path",
            TeacherDataSpec => "problem.data.n, problem.data.k",
            _ => "problem.data.n",
        };
        terms.Add(new($"data: n = {dataPoints} points of k = {inputDim} inputs", dataKeys, MemoryModel.Data(dataPoints, inputDim)));
        var context = new MemoryContext(ambientDim, dataPoints, inputDim, spec.Problem.Features);
        terms.AddRange(spec.Solver.Memory(context));
        var output = spec.Output;
        int probes = output.ResolvedProbes(ambientDim);
        double diagnostics = 8.0 * probes * (ambientDim + 1) * 3;
        // The rigorous bound of min J (S^1 to S^3) keeps its cells: a centre, a radius and the data of each, about 200 bytes.
        if (ambientDim <= 4 && output.BoundCells > 0) diagnostics += 200.0 * output.BoundCells;
        terms.Add(new($"diagnostics: {probes} probe points{(ambientDim <= 4 && output.BoundCells > 0 ? $", {output.BoundCells} bound cells" : "")}", "output.probes, output.bound_cells", diagnostics));
        double snapshots = 0;
        if (output.Snapshots is { } snap)
        {
            snapshots = snap.CountAtMost((long)Math.Min(steps, long.MaxValue / 2), spec.Solver.TEnd);
            double atoms = spec.Solver.Atoms(ambientDim) ?? 0;
            // Each snapshot is kept for the HDF5 run file: masses, points, and for a mesh the cell measures and densities.
            terms.Add(new($"snapshots: {snapshots:G4} of {atoms:G4} atoms", "output.snapshots", 8.0 * snapshots * atoms * (ambientDim + 3)));
        }
        return new ResourceEstimate(terms, steps, snapshots);
    }

    /// <summary>Human-readable bytes (B, kB, MB, GB, TB; powers of 1000).</summary>
    public static string Format(double bytes) => bytes switch
    {
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{bytes:F0} B"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:F1} kB"),
        < 1e9 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB"),
        < 1e12 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:F1} GB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e12:G4} TB"),
    };

    /// <summary>The estimate as lines: steps, snapshots, the memory terms and the total.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"steps: at least {MinSteps:G6} (t_end / dt)\n");
        if (Snapshots > 0) sb.Append(CultureInfo.InvariantCulture, $"snapshots: {Snapshots:G6}\n");
        sb.Append(CultureInfo.InvariantCulture, $"memory: about {Format(Bytes)} (estimate)\n");
        foreach (var t in Terms)
            sb.Append(CultureInfo.InvariantCulture, $"  {Format(t.Bytes),10}  {t.What}{(t.Keys.Length > 0 ? $"  [{t.Keys}]" : "")}\n");
        return sb.ToString();
    }
}

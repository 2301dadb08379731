using SphereFlow.Data;
using SphereFlow.Features;
using SphereFlow.IO;
using SphereFlow.Losses;
using SphereFlow.Objectives;

namespace SphereFlow.Cases;

/// <summary>Reads the <c>problem:</c> section of a case file.</summary>
public static class ProblemReader
{
    /// <summary>Data kinds accepted in <c>problem.data.kind</c>.</summary>
    public static readonly string[] DataKinds = ["csv", "teacher", "deconvolution"];

    /// <summary>Builds the problem; errors name the key.</summary>
    public static Problem Read(CaseNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string featureName = node.Choice("features", FeatureMaps.Names);
        string lossName = node.Choice("loss", LossRegistry.Names, "square");
        double lambda = node.Number("lambda", 0.0, min: 0);
        double kappa = node.Number("kappa", 10.0, min: 0, minExclusive: true);
        int cutoff = node.Integer("cutoff", 4, min: 0, max: 10000);
        // auto: the fastest exact kernel of the feature map (angular k = 2, blocked products for large k); pairwise: O(mn) pairs.
        var kernel = node.Choice("kernel", ["auto", "pairwise"], "auto") == "pairwise" ? FeatureKernel.Pairwise : FeatureKernel.Auto;
        var dn = node.Child("data");
        string kind = dn.Choice("kind", DataKinds);
        Problem problem;
        try
        {
            problem = kind switch
            {
                "csv" => FromCsv(dn, featureName, lossName, lambda, new FeatureOptions(0, kappa, cutoff, kernel)),
                "teacher" => FromTeacher(dn, featureName, lossName, lambda, new FeatureOptions(0, kappa, cutoff, kernel)),
                _ => FromDeconvolution(dn, featureName, lossName, lambda, new FeatureOptions(0, kappa, cutoff, kernel)),
            };
        }
        catch (ArgumentException e) { throw new InputException($"{node.File}: {node.Key("data")}: {e.Message}", e); }
        dn.RejectUnknown();
        node.RejectUnknown();
        return problem;
    }

    private static Problem FromCsv(CaseNode dn, string f, string loss, double lambda, FeatureOptions options)
    {
        var data = DataCsv.Read(dn.ExistingFile("path"));
        var features = FeatureMaps.Create(f, options with { InputDim = data.InputDim });
        return new Problem(data, features, LossRegistry.Create(loss), lambda);
    }

    private static Problem FromTeacher(CaseNode dn, string f, string loss, double lambda, FeatureOptions options)
    {
        int k = dn.Integer("k", 2, min: 1, max: 100000);
        int m0 = dn.Integer("m0", 4, min: 1, max: 1000000);
        int seed = dn.Integer("seed", 1);
        string sampling = dn.Choice("sampling", ["quadrature", "montecarlo", "population"], k == 2 ? "quadrature" : "montecarlo");
        int n = dn.Integer("n", sampling switch { "quadrature" => 720, "population" => 1000, _ => 10000 }, min: 1, max: 100_000_000);
        var neurons = dn.NumberRows("neurons");
        TeacherNetwork teacher;
        if (neurons is null) teacher = TeacherNetwork.Random(k, m0, seed);
        else
        {
            if (neurons.Length != m0 || neurons.Any(r => r.Length != k + 1))
                throw dn.Error("neurons", $"expected m0 = {m0} rows [a, b0, …, b{k - 1}]");
            var a = neurons.Select(r => r[0]).ToArray();
            var b = neurons.SelectMany(r => r.Skip(1)).ToArray();
            teacher = new TeacherNetwork(a, b, k);
        }
        var data = sampling == "quadrature" ? teacher.AngularQuadrature(n) : teacher.MonteCarlo(n, seed + 7919);
        var features = FeatureMaps.Create(f, options with { InputDim = k });
        IObjective? population = null;
        if (sampling == "population")
        {
            // Closed form (arc-cosine kernel); the n Monte Carlo points are a held-out sample for plots and the mesh solver.
            if (f != "relu" || loss != "square") throw dn.Error("sampling", "population (closed-form Gaussian) needs features: relu and loss: square");
            population = new GaussianPopulationObjective(teacher, lambda);
        }
        return new Problem(data, features, LossRegistry.Create(loss), lambda, teacher: teacher, functional: population);
    }

    private static Problem FromDeconvolution(CaseNode dn, string f, string loss, double lambda, FeatureOptions options)
    {
        int sphere = dn.Integer("sphere", 1, min: 1, max: 2);
        int n = dn.Integer("n", 64, min: 1, max: 100_000_000);
        double noise = dn.Number("noise", 0.0, min: 0);
        int seed = dn.Integer("seed", 1);
        var weights = dn.Numbers("weights") ?? throw dn.Error("weights", "missing (required)");
        int k = f == "dirichlet" ? 1 : sphere + 1;
        var features = FeatureMaps.Create(f, options with { InputDim = k });
        if (features.AmbientDim != sphere + 1) throw dn.Error("sphere", $"feature map '{f}' lives on S^{features.AmbientDim - 1}");
        Deconvolution spikes;
        if (sphere == 1)
        {
            var angles = dn.Numbers("spikes") ?? throw dn.Error("spikes", "missing (required): spike angles in radians");
            if (angles.Length != weights.Length) throw dn.Error("weights", $"{weights.Length} weights for {angles.Length} spikes");
            spikes = Deconvolution.OnCircle(angles, weights);
        }
        else
        {
            var rows = dn.NumberRows("spikes") ?? throw dn.Error("spikes", "missing (required): spike positions as unit vectors [x, y, z]");
            if (rows.Length != weights.Length) throw dn.Error("weights", $"{weights.Length} weights for {rows.Length} spikes");
            var pts = new double[3 * rows.Length];
            for (int s = 0; s < rows.Length; s++)
            {
                if (rows[s].Length != 3) throw dn.Error("spikes", $"item {s}: expected 3 coordinates");
                double r = Math.Sqrt(rows[s].Sum(v => v * v));
                if (r == 0) throw dn.Error("spikes", $"item {s}: zero vector");
                for (int c = 0; c < 3; c++) pts[3 * s + c] = rows[s][c] / r;
            }
            spikes = new Deconvolution(weights, pts, 3);
        }
        var data = spikes.Observe(features, n, noise, seed);
        return new Problem(data, features, LossRegistry.Create(loss), lambda, spikes: spikes);
    }
}

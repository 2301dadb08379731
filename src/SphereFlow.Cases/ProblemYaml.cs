using SphereFlow.Features;
using SphereFlow.Losses;
using SphereFlow.Problems;

namespace SphereFlow.Cases;

/// <summary>The <c>problem:</c> section ⇄ <see cref="ProblemSpec"/>.</summary>
public static class ProblemYaml
{
    /// <summary>Data kinds accepted in <c>problem.data.kind</c>.</summary>
    public static readonly string[] DataKinds = ["csv", "teacher", "deconvolution"];

    /// <summary>Values of <c>problem.kernel</c>.</summary>
    public static readonly string[] KernelNames = ["auto", "pairwise"];

    /// <summary>Reads the section (every key checked, unknown keys rejected); building the problem is the caller's.</summary>
    public static ProblemSpec Read(CaseNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string features = node.Choice("features", FeatureMaps.Names);
        string loss = node.Choice("loss", LossRegistry.Names, "square");
        double lambda = node.Number("lambda", 0.0, min: 0);
        double kappa = node.Number("kappa", 10.0, min: 0, minExclusive: true);
        int cutoff = node.Integer("cutoff", 4, min: 0, max: 10000);
        // auto: the fastest exact kernel of the feature map (angular k = 2, blocked products for large k); pairwise: O(mn) pairs.
        var kernel = node.Choice("kernel", KernelNames, "auto") == "pairwise" ? FeatureKernel.Pairwise : FeatureKernel.Auto;
        var dn = node.Child("data");
        DataSpec data = dn.Choice("kind", DataKinds) switch
        {
            "csv" => new CsvDataSpec(dn.ExistingFile("path")),
            "teacher" => ReadTeacher(dn),
            _ => ReadDeconvolution(dn, features, kappa, cutoff),
        };
        dn.RejectUnknown();
        node.RejectUnknown();
        return new ProblemSpec { Features = features, Loss = loss, Lambda = lambda, Kappa = kappa, Cutoff = cutoff, Kernel = kernel, Data = data };
    }

    private static TeacherDataSpec ReadTeacher(CaseNode dn)
    {
        int k = dn.Integer("k", 2, min: 1, max: 100000);
        int m0 = dn.Integer("m0", 4, min: 1, max: 1000000);
        int seed = dn.Integer("seed", 1);
        string sampling = dn.Choice("sampling", TeacherDataSpec.SamplingModes, TeacherDataSpec.DefaultSampling(k));
        int n = dn.Integer("n", TeacherDataSpec.DefaultN(sampling), min: 1, max: 100_000_000);
        string signs = dn.Choice("signs", TeacherDataSpec.SignRules, "alternate");
        var neurons = dn.NumberRows("neurons");
        return new TeacherDataSpec { K = k, M0 = m0, Seed = seed, Sampling = sampling, N = n, Signs = signs, Neurons = neurons };
    }

    private static DeconvolutionDataSpec ReadDeconvolution(CaseNode dn, string features, double kappa, int cutoff)
    {
        int sphere = dn.Integer("sphere", 1, min: 1, max: 2);
        int n = dn.Integer("n", 64, min: 1, max: 100_000_000);
        double noise = dn.Number("noise", 0.0, min: 0);
        int seed = dn.Integer("seed", 1);
        var weights = dn.Numbers("weights") ?? throw dn.Error("weights", "missing (required)");
        // The spikes' form depends on the sphere, so a feature map on another sphere is named before the spikes are read.
        try
        {
            if (DeconvolutionDataSpec.SphereMismatch(features, kappa, cutoff, sphere) is { } mismatch) throw dn.Error("sphere", mismatch);
        }
        catch (ArgumentException e) { throw new IO.InputException($"{dn.File}: {dn.Path}: {e.Message}", e); }
        IReadOnlyList<double[]> spikes = sphere == 1
            ? [.. (dn.Numbers("spikes") ?? throw dn.Error("spikes", "missing (required): spike angles in radians")).Select(a => new[] { a })]
            : dn.NumberRows("spikes") ?? throw dn.Error("spikes", "missing (required): spike positions as unit vectors [x, y, z]");
        return new DeconvolutionDataSpec { Sphere = sphere, N = n, Noise = noise, Seed = seed, Weights = weights, Spikes = spikes };
    }

    /// <summary>The section as a tree (every value, defaults included, in reading order).</summary>
    public static Dictionary<string, object?> Write(ProblemSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var t = YamlTree.Map();
        t["features"] = spec.Features;
        t["loss"] = spec.Loss;
        t["lambda"] = spec.Lambda;
        t["kappa"] = spec.Kappa;
        t["cutoff"] = spec.Cutoff;
        t["kernel"] = spec.Kernel == FeatureKernel.Pairwise ? "pairwise" : "auto";
        var d = YamlTree.Map();
        d["kind"] = spec.Data.Kind;
        switch (spec.Data)
        {
            case CsvDataSpec csv:
                d["path"] = csv.Path;
                break;
            case TeacherDataSpec teacher:
                d["k"] = teacher.K;
                d["m0"] = teacher.M0;
                d["seed"] = teacher.Seed;
                d["sampling"] = teacher.ResolvedSampling;
                d["n"] = teacher.ResolvedN;
                d["signs"] = teacher.Signs;
                if (teacher.Neurons is not null) d["neurons"] = YamlTree.Rows(teacher.Neurons);
                break;
            case DeconvolutionDataSpec deconvolution:
                d["sphere"] = deconvolution.Sphere;
                d["n"] = deconvolution.N;
                d["noise"] = deconvolution.Noise;
                d["seed"] = deconvolution.Seed;
                d["weights"] = YamlTree.Numbers(deconvolution.Weights);
                d["spikes"] = deconvolution.Sphere == 1 ? YamlTree.Numbers(deconvolution.Spikes.Select(r => r[0])) : YamlTree.Rows(deconvolution.Spikes);
                break;
            default:
                throw new ArgumentException($"no case-file form for data kind '{spec.Data.Kind}'");
        }
        t["data"] = d;
        return t;
    }
}

using System.Globalization;
using SphereFlow.IO;

namespace SphereFlow.Validation.Sharding;

/// <summary>
/// Slice k of N of a study's runs (<c>--shard k/N</c>), shared by <c>compare</c> and <c>sweep</c>: the runs are numbered
/// 0, 1, 2, … in the study's fixed order, and shard k runs those with i mod N = k − 1. Every shard is one task of a
/// scheduler's job array (Slurm: <c>--shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT</c> under <c>--array=1-N</c>);
/// <c>sphereflow merge</c> joins their folders (<see cref="ShardSet"/>).
/// </summary>
/// <param name="Index">k, 1-based.</param>
/// <param name="Count">N ≥ 1.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>The whole study (1/1).</summary>
    public static Shard All => new(1, 1);

    /// <summary>Whether run <paramref name="run"/> (0-based, in the study's order) belongs to this shard.</summary>
    public bool Owns(int run) => run % Count == Index - 1;

    /// <summary>Whether this is one slice of several.</summary>
    public bool IsSlice => Count > 1;

    /// <summary>Throws <see cref="ArgumentException"/> unless 1 ≤ k ≤ N.</summary>
    public void Validate()
    {
        if (Count < 1 || Index < 1 || Index > Count) throw new ArgumentException($"--shard {this}: expected k/N with 1 ≤ k ≤ N");
    }

    /// <summary>Parses <c>k/N</c> (null: the whole study); malformed text is an <see cref="InputException"/>.</summary>
    public static Shard Parse(string? text)
    {
        if (text is null) return All;
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int k)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
            return new Shard(k, n);
        throw new InputException($"--shard '{text}': expected k/N, e.g. 2/8");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}

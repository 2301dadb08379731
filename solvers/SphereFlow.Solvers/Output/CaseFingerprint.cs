using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SphereFlow.Problems;

namespace SphereFlow.Solvers.Output;

/// <summary>
/// What a checkpoint must match to be resumed: the case keys that fix the trajectory (problem, flow and solver keys,
/// as the case layer writes them; not <c>solver.t_end</c>, <c>output.*</c> or <c>stop.*</c>, which a resumed run may
/// change) and a SHA-256 of the data the problem was built on (the points, targets and weights actually read or
/// generated: a data CSV edited in place, or another teacher seed, changes it). Stored in <c>checkpoint.bin</c>.
/// </summary>
/// <param name="Keys">Dotted key → value text, in the case layer's order (empty when the run was not made from a case file).</param>
/// <param name="DataHash">SHA-256 of the problem's data (32 bytes).</param>
public sealed record CaseFingerprint(IReadOnlyList<KeyValuePair<string, string>> Keys, byte[] DataHash)
{
    /// <summary>The fingerprint of <paramref name="problem"/> with the case keys <paramref name="keys"/>.</summary>
    public static CaseFingerprint Of(Problem problem, IReadOnlyList<KeyValuePair<string, string>>? keys)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var d = problem.Data;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(BitConverter.GetBytes(d.InputDim));
        sha.AppendData(BitConverter.GetBytes(d.Count));
        foreach (var a in new[] { d.X, d.Y, d.Weights }) sha.AppendData(MemoryMarshal.AsBytes(a.AsSpan()));
        return new CaseFingerprint(keys ?? [], sha.GetHashAndReset());
    }

    /// <summary>
    /// How <paramref name="here"/> (the case being resumed) differs from this fingerprint (the checkpoint's): one phrase per
    /// differing key, "KEY is 'A' here but 'B' in the checkpoint", then the data; empty when they match. Keys present on
    /// one side only count as differences only when both sides have keys (a run made without a case file stores none).
    /// </summary>
    public IReadOnlyList<string> Differences(CaseFingerprint here)
    {
        ArgumentNullException.ThrowIfNull(here);
        var list = new List<string>();
        if (Keys.Count > 0 && here.Keys.Count > 0)
        {
            var mine = Keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
            var theirs = here.Keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
            foreach (var (key, value) in here.Keys)
            {
                if (!mine.TryGetValue(key, out var stored)) list.Add($"{key} is '{value}' here but not set in the checkpoint");
                else if (stored != value) list.Add($"{key} is '{value}' here but '{stored}' in the checkpoint");
            }
            foreach (var (key, stored) in Keys)
                if (!theirs.ContainsKey(key)) list.Add($"{key} is not set here but '{stored}' in the checkpoint");
        }
        if (!DataHash.AsSpan().SequenceEqual(here.DataHash))
            list.Add("the problem's data differ (another data file content, sample or seed)");
        return list;
    }
}

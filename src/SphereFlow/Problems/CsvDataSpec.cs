using SphereFlow.IO;
using SphereFlow.Losses;

namespace SphereFlow.Problems;

/// <summary>Data read from a CSV with header <c>x0,…,x{k−1},y,weight</c> (<c>problem.data: {kind: csv, path}</c>).</summary>
/// <param name="Path">The CSV file (absolute, or relative to the working directory).</param>
public sealed record CsvDataSpec(string Path) : DataSpec
{
    /// <inheritdoc/>
    public override string Kind => "csv";

    /// <inheritdoc/>
    public override (long Points, int InputDim) Shape(ProblemSpec problem) => (CsvRows.Count(Path), DataCsv.InputDim(Path));

    /// <inheritdoc/>
    public override Problem Build(ProblemSpec problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var data = DataCsv.Read(Path);
        return new Problem(data, problem.CreateFeatures(data.InputDim), LossRegistry.Create(problem.Loss), problem.Lambda);
    }
}

namespace SphereFlow.Solvers.Resources;

/// <summary>One part of a run's memory estimate: what it is, the case keys that size it, and its bytes.</summary>
/// <param name="What">What the memory holds, with its sizes (e.g. "data: n × (k + 2) values, n = 100000, k = 100000").</param>
/// <param name="Keys">The case keys that size it, comma-separated (what a user changes to shrink it).</param>
/// <param name="Bytes">Bytes (a double: a mistaken case may ask for more than a long holds).</param>
public sealed record MemoryTerm(string What, string Keys, double Bytes);

/// <summary>What a solver's memory estimate depends on besides its own specification.</summary>
/// <param name="AmbientDim">d + 1 of the problem.</param>
/// <param name="DataPoints">Data points n.</param>
/// <param name="InputDim">Input dimension k of the data.</param>
/// <param name="Features">The feature map's name.</param>
public sealed record MemoryContext(int AmbientDim, long DataPoints, int InputDim, string Features);

namespace SphereFlow.Solvers.Output;

/// <summary>Why a number of summary.json is null: JSON has no NaN or infinity, so such a value is written as null plus this reason.</summary>
public static class SummaryReason
{
    /// <summary>The reason for a non-finite value.</summary>
    public static string NonFinite(double value) => value switch
    {
        double.PositiveInfinity => "infinite (+Infinity): the quantity overflowed or has no finite bound here",
        double.NegativeInfinity => "infinite (-Infinity): the quantity overflowed",
        _ => "not available (NaN): not computed for this run, or no series row was recorded",
    };
}

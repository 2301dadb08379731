using SphereFlow.Validation.Suite;

namespace SphereFlow.Tests.TestSupport;

/// <summary>The bundled case files, found as <c>sphereflow validate</c> finds them (<see cref="ValidationContext.FindCasesDir"/>).</summary>
internal static class BundledCases
{
    /// <summary>A case file of <c>validation/cases/</c>.</summary>
    public static string Path(string name) => System.IO.Path.Combine(ValidationContext.FindCasesDir(), name);
}

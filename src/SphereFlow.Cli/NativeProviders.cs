using MathNet.Numerics;

namespace SphereFlow.Cli;

/// <summary>Start-up selection of MathNet's linear-algebra provider.</summary>
public static class NativeProviders
{
    /// <summary>Tries MKL, then any native provider; keeps the managed provider when none is available.</summary>
    public static void TryEnable()
    {
        try
        {
            if (!Control.TryUseNativeMKL()) Control.TryUseNative();
        }
        catch (Exception e) when (e is DllNotFoundException or NotSupportedException or InvalidOperationException or TypeInitializationException)
        {
            Control.UseManaged();
        }
    }

    /// <summary>The active provider, for reports.</summary>
    public static string Describe() => MathNet.Numerics.Providers.LinearAlgebra.LinearAlgebraControl.Provider.ToString() ?? "unknown";
}

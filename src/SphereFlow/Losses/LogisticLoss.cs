namespace SphereFlow.Losses;

/// <summary>Logistic loss ℓ(h, y) = log(1 + exp(−y h)), evaluated without overflow.</summary>
public sealed class LogisticLoss : ILoss
{
    /// <inheritdoc/>
    public string Name => "logistic";

    /// <inheritdoc/>
    public double Value(double h, double y)
    {
        double z = -y * h;
        return z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
    }

    /// <inheritdoc/>
    public double Derivative(double h, double y)
    {
        // −y σ(−y h), σ the logistic sigmoid.
        double z = -y * h;
        double sig = z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
        return -y * sig;
    }
}

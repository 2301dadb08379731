namespace SphereFlow.Losses;

/// <summary>Square loss ℓ(h, y) = ½ (h − y)².</summary>
public sealed class SquareLoss : ILoss
{
    /// <inheritdoc/>
    public string Name => "square";
    /// <inheritdoc/>
    public double Value(double h, double y) => 0.5 * (h - y) * (h - y);
    /// <inheritdoc/>
    public double Derivative(double h, double y) => h - y;
}

namespace SphereFlow.Losses;

/// <summary>A convex loss ℓ(h, y) with its derivative ∂₁ℓ in the prediction.</summary>
public interface ILoss
{
    /// <summary>Registry name.</summary>
    string Name { get; }

    /// <summary>ℓ(h, y).</summary>
    double Value(double h, double y);

    /// <summary>∂ℓ/∂h (h, y).</summary>
    double Derivative(double h, double y);
}

using SphereFlow.Objectives;

namespace SphereFlow.Certificates;

/// <summary>
/// Second-order lower bound of the fixed linear potential J(η) = c·η + λ (<see cref="LinearPotential"/>): along a unit-speed
/// geodesic (c·γ)'' = −c·γ ≥ −|c|, so H = |c|; its exact minimum over S^d is λ − |c|. Round-off: the dot product of d + 1
/// terms and the tangential gradient, E = 2(d + 1), S = |c| (no data, no measure dependence).
/// </summary>
public sealed class LinearPotentialBallBound(LinearPotential potential) : IBallLowerBound
{
    private readonly double[] _c = (double[])(potential ?? throw new ArgumentNullException(nameof(potential))).C.Clone();
    private readonly double _lambda = potential.Lambda;

    /// <inheritdoc/>
    public int AmbientDim => _c.Length;
    /// <inheritdoc/>
    public string Method => "second order (H = |c|)";
    /// <inheritdoc/>
    public double Scale => Geometry.Sphere.Norm(_c) * (1 + 4 * RoundOff.Unit);
    /// <inheritdoc/>
    public double RoundOffMargin => RoundOff.DataMargin(1, _c.Length, 2 * _c.Length, Scale, 0, 0, 0, 0) + 4 * RoundOff.Unit * Math.Abs(_lambda);
    /// <inheritdoc/>
    public int ScratchLength => 0;

    /// <inheritdoc/>
    public (double Value, double Lower) Evaluate(ReadOnlySpan<double> centre, double radius, Span<double> scratch)
    {
        double cc = Geometry.Sphere.Dot(_c, centre), g2 = 0;
        for (int i = 0; i < _c.Length; i++)
        {
            double gi = _c[i] - cc * centre[i];
            g2 += gi * gi;
        }
        double v = cc + _lambda;
        return (v, v - radius * Math.Sqrt(g2) - 0.5 * Scale * radius * radius);
    }
}

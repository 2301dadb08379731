using SphereFlow.Geometry;
using SphereFlow.Measures;
using SphereFlow.Objectives;

namespace SphereFlow.Certificates;

/// <summary>
/// First-order lower bound of the Gaussian-population first variation (<see cref="GaussianPopulationObjective"/>)
/// J(η) = λ + a Σ_l c_l κ(b, u_l), κ(b, u) = |b||u| f(θ), f(θ) = (sin θ + (π − θ) cos θ)/(2π), over the signed list
/// (c_l, u_l) = (M_j a_j, b_j) ∪ (−A_t, B_t). Each term is Lipschitz along geodesics of S^k with constant |c_l||u_l|/2:
/// ∂_a(aκ) = κ ≤ |b||u|/2 (f ≤ f(0) = ½), and |∇_bκ| = |u| |(π − θ)û + sin θ b̂|/(2π) ≤ |u|/2, because
/// g(θ) = (π − θ)² + sin²θ + (π − θ) sin 2θ has g' = −2(π − θ)(1 − cos 2θ) ≤ 0, so g ≤ g(0) = π²; hence
/// |∇(aκ)|² ≤ |b|²|u|²/4 + a²|u|²/4 = |u|²/4 on the unit sphere (κ is C¹ away from b = 0 and continuous through it).
/// J ≥ J(c) − L r with L = Σ_l |c_l||u_l|/2. First order only (J has a conical point at b = 0), so it needs more cells than
/// the data bounds; the branch and bound's cell budget keeps it affordable and the result valid.
/// Round-off: S = L, E = 64 (atan2, sin, cos and the angle's sums), m + m0 terms (see <see cref="RoundOff"/>).
/// </summary>
public sealed class ArcCosinePopulationBallBound : IBallLowerBound
{
    private readonly double[] _coef, _dirs, _norms;
    private readonly double _lambda, _lip;
    private readonly int _k;

    /// <summary>Creates the bound at ν.</summary>
    public ArcCosinePopulationBallBound(GaussianPopulationObjective objective, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(nu);
        int k = objective.InputDim, m = nu.Count, m0 = objective.Teacher.Width, count = m + m0;
        _k = k; _lambda = objective.Lambda;
        _coef = new double[count];
        _dirs = new double[count * k];
        _norms = new double[count];
        for (int j = 0; j < m; j++)
        {
            var eta = nu.Point(j);
            _coef[j] = nu.Mass[j] * eta[0];
            eta.Slice(1, k).CopyTo(_dirs.AsSpan(j * k, k));
        }
        for (int t = 0; t < m0; t++)
        {
            _coef[m + t] = -objective.Teacher.A[t];
            objective.Teacher.B.AsSpan(t * k, k).CopyTo(_dirs.AsSpan((m + t) * k, k));
        }
        double lip = 0;
        for (int l = 0; l < count; l++)
        {
            _norms[l] = Sphere.Norm(_dirs.AsSpan(l * k, k));
            lip += Math.Abs(_coef[l]) * _norms[l] / 2;
        }
        _lip = lip * (1 + 1e-10);
        RoundOffMargin = RoundOff.DataMargin(count, k + 1, 64, _lip, 0, 0, 0, 0);
    }

    /// <inheritdoc/>
    public int AmbientDim => _k + 1;
    /// <inheritdoc/>
    public string Method => "first order (Lipschitz Σ|c_l||u_l|/2 of the arc-cosine kernel)";
    /// <inheritdoc/>
    public double Scale => _lip;
    /// <inheritdoc/>
    public double RoundOffMargin { get; }
    /// <inheritdoc/>
    public int ScratchLength => 0;

    /// <inheritdoc/>
    public (double Value, double Lower) Evaluate(ReadOnlySpan<double> centre, double radius, Span<double> scratch)
    {
        var b = centre.Slice(1, _k);
        double nb = Sphere.Norm(b), s = 0;
        for (int l = 0; l < _coef.Length; l++)
            if (_coef[l] != 0) s += _coef[l] * GaussianPopulationObjective.Kernel(b, nb, _dirs.AsSpan(l * _k, _k), _norms[l]);
        double v = centre[0] * s + _lambda;
        return (v, v - _lip * radius);
    }
}

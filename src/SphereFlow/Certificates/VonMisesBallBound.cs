using System.Numerics.Tensors;
using SphereFlow.Data;

namespace SphereFlow.Certificates;

/// <summary>
/// Second-order lower bound of J(η) = λ + Σ_i g_i exp(κ(η·x_i − 1)) (the <c>vonmises</c> map) on geodesic balls.
/// <para>
/// Along a unit-speed geodesic γ (γ'' = −γ), f_i(s) = exp(κ(t(s) − 1)) with t = γ·x_i, t' = γ'·x_i, t'' = −t, so
/// f_i'' = f_i (κ² t'² − κ t), with t² + t'² ≤ ρ_i² = |x_i|² (γ, γ' orthonormal). Hence
/// g_i f_i'' ≥ −g_i κ ρ_i f_i when g_i &gt; 0, and g_i f_i'' ≥ −|g_i| C_i f_i when g_i &lt; 0 with
/// C_i = max_{0≤τ≤ρ_i} κ²(ρ_i² − τ²) + κτ = κ²ρ_i² + ¼ if 2κρ_i ≥ 1, else κρ_i. On B(c, r), f_i ≤
/// exp(κ(ρ_i cos(max(0, θ_i − r)) − 1)), θ_i the angle between c and x_i. The second-order bound then holds with
/// H = Σ_i (g_i &gt; 0 ? g_i κ ρ_i : |g_i| C_i) · max_B f_i: only data near the ball count (for large κ the others are
/// exponentially small), and only the one-sided curvature enters.
/// </para>
/// Round-off: Ψmax_i = exp(κ(ρ_i − 1)); one kernel value has error ≤ E u Ψmax_i with E = 2κ(d + 4)ρ_i + 16 (the dot product's
/// error (d + 2)u ρ_i is multiplied by κ in the exponent; the vectorised exp adds a few ulps), see <see cref="RoundOff"/>.
/// The cosine used for max_B f_i is rounded up by 8(d + 4)u.
/// </summary>
public sealed class VonMisesBallBound : IBallLowerBound
{
    private readonly WeightedData _data;
    private readonly double[] _g, _rho, _c;
    private readonly double _lambda, _kappa;

    /// <summary>Creates the bound (inputs x_i ∈ R^{d+1}, normally unit vectors).</summary>
    public VonMisesBallBound(WeightedData data, double[] residual, double lambda, double kappa, double lossLipschitz, int atoms, double totalMass)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(residual);
        if (residual.Length != data.Count) throw new ArgumentException("residual and data lengths differ");
        _data = data; _g = residual; _lambda = lambda; _kappa = kappa;
        int n = data.Count, dim = data.InputDim;
        _rho = new double[n];
        _c = new double[n];
        double scale = 0, sens = 0, maxRho = 0;
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int c = 0; c < dim; c++) s += data[i, c] * data[i, c];
            double rho = Math.Sqrt(s) * (1 + 4 * RoundOff.Unit);
            _rho[i] = rho;
            maxRho = Math.Max(maxRho, rho);
            _c[i] = 2 * kappa * rho >= 1 ? kappa * kappa * rho * rho + 0.25 : kappa * rho;
            double psiMax = Math.Exp(kappa * (rho - 1)) * (1 + 1e-12);
            scale += Math.Abs(residual[i]) * psiMax;
            sens += data.Weights[i] * psiMax * psiMax;
        }
        Scale = scale;
        RoundOffMargin = RoundOff.DataMargin(n, dim, 2 * kappa * (dim + 3) * maxRho + 16, scale, lossLipschitz, atoms, totalMass, sens);
    }

    /// <inheritdoc/>
    public int AmbientDim => _data.InputDim;
    /// <inheritdoc/>
    public string Method => "second order (one-sided curvature of each exp(κ(η·x_i − 1)) on the ball)";
    /// <inheritdoc/>
    public double Scale { get; }
    /// <inheritdoc/>
    public double RoundOffMargin { get; }
    /// <inheritdoc/>
    public int ScratchLength => 2 * _data.Count + _data.InputDim;

    /// <inheritdoc/>
    public (double Value, double Lower) Evaluate(ReadOnlySpan<double> centre, double radius, Span<double> scratch)
    {
        int n = _data.Count, dim = _data.InputDim;
        var view = _data.View;
        var t = scratch[..n];
        var f = scratch.Slice(n, n);
        var grad = scratch.Slice(2 * n, dim);
        t.Clear();
        for (int c = 0; c < dim; c++) TensorPrimitives.MultiplyAdd(view.Column(c), centre[c], t, t);
        TensorPrimitives.Add(t, -1.0, f);
        TensorPrimitives.Multiply(f, _kappa, f);
        TensorPrimitives.Exp(f, f);
        TensorPrimitives.Multiply(f, _g, f);                  // g_i f_i
        double value = _lambda + TensorPrimitives.Sum((ReadOnlySpan<double>)f);
        for (int c = 0; c < dim; c++) grad[c] = _kappa * TensorPrimitives.Dot((ReadOnlySpan<double>)f, view.Column(c));
        double cg = TensorPrimitives.Dot(centre, (ReadOnlySpan<double>)grad), g2 = 0;
        for (int c = 0; c < dim; c++)
        {
            double gc = grad[c] - cg * centre[c];
            g2 += gc * gc;
        }
        double cosR = Math.Cos(radius), sinR = Math.Sin(radius), up = 8 * (dim + 4) * RoundOff.Unit, h = 0;
        for (int i = 0; i < n; i++)
        {
            double gi = _g[i];
            if (gi == 0) continue;
            double rho = _rho[i], cosT = Math.Clamp(t[i] / rho, -1, 1), cosMax;
            if (cosT >= cosR) cosMax = 1;
            else cosMax = Math.Min(1, cosT * cosR + Math.Sqrt(Math.Max(0, 1 - cosT * cosT)) * sinR + up);
            double fMax = Math.Exp(_kappa * (rho * cosMax - 1)) * (1 + 1e-12);
            h += (gi > 0 ? gi * _kappa * rho : -gi * _c[i]) * fMax;
        }
        double lower = value - radius * Math.Sqrt(g2) - 0.5 * h * radius * radius;
        return (value, lower);
    }
}

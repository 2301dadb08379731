using SphereFlow.Data;

namespace SphereFlow.Certificates;

/// <summary>
/// Second-order lower bound of J(θ) = λ + Σ_i g_i D_K(θ − x_i) on arcs of S^1 (the <c>dirichlet</c> map,
/// D_K(φ) = 1 + 2 Σ_{k=1}^K cos kφ). J is a trigonometric polynomial of degree K,
/// J(θ) = λ + A₀ + Σ_{k=1}^K (A_k cos kθ + B_k sin kθ) with A₀ = Σ g_i, A_k = 2 Σ g_i cos k x_i, B_k = 2 Σ g_i sin k x_i,
/// so |J''| ≤ H = Σ_k k² (A_k² + B_k²)^{1/2} everywhere (no triangle inequality over the data), and the second-order
/// bound J ≥ J(θ_c) − r |J'(θ_c)| − ½ H r² holds on the arc of half-width r around θ_c (the geodesic distance on S^1 is
/// the angle). Cost per arc: O(K), after O(nK) once.
/// <para>
/// Round-off: Ψmax_i = 2K + 1; the coefficients come from cos/sin of k x_i (argument rounding ≤ k|x_i| u each) summed over
/// n points, and J from them over 2K + 1 terms, so E = 4K² max(1, |x|max) + 16 (see <see cref="RoundOff"/>). H is inflated
/// by 10^−10 relative.
/// </para>
/// </summary>
public sealed class DirichletBallBound : IBallLowerBound
{
    private readonly double[] _a, _b;
    private readonly double _lambda, _h;
    private readonly int _k;

    /// <summary>Creates the bound for residual weights g_i of angle data x_i.</summary>
    public DirichletBallBound(WeightedData data, double[] residual, double lambda, int cutoff, double lossLipschitz, int atoms, double totalMass)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(residual);
        if (data.InputDim != 1) throw new ArgumentException("dirichlet data are angles (k = 1)");
        int n = data.Count;
        _k = cutoff; _lambda = lambda;
        _a = new double[cutoff + 1];
        _b = new double[cutoff + 1];
        double scale = 0, sens = 0, xMax = 1;
        for (int i = 0; i < n; i++)
        {
            double g = residual[i], x = data.X[i];
            xMax = Math.Max(xMax, Math.Abs(x));
            _a[0] += g;
            for (int k = 1; k <= cutoff; k++)
            {
                _a[k] += 2 * g * Math.Cos(k * x);
                _b[k] += 2 * g * Math.Sin(k * x);
            }
            scale += Math.Abs(g) * (2 * cutoff + 1);
            sens += data.Weights[i] * (2.0 * cutoff + 1) * (2.0 * cutoff + 1);
        }
        double h = 0;
        for (int k = 1; k <= cutoff; k++) h += (double)k * k * Math.Sqrt(_a[k] * _a[k] + _b[k] * _b[k]);
        _h = h * (1 + 1e-10);
        Scale = scale;
        RoundOffMargin = RoundOff.DataMargin(n, 2, 4.0 * cutoff * cutoff * xMax + 16, scale, lossLipschitz, atoms, totalMass, sens);
    }

    /// <inheritdoc/>
    public int AmbientDim => 2;
    /// <inheritdoc/>
    public string Method => "second order (|J''| ≤ Σ k²|ĉ_k| from the Fourier coefficients of J)";
    /// <inheritdoc/>
    public double Scale { get; }
    /// <inheritdoc/>
    public double RoundOffMargin { get; }
    /// <inheritdoc/>
    public int ScratchLength => 0;

    /// <summary>The global curvature bound H = Σ_k k² |ĉ_k|.</summary>
    public double Curvature => _h;

    /// <inheritdoc/>
    public (double Value, double Lower) Evaluate(ReadOnlySpan<double> centre, double radius, Span<double> scratch)
    {
        double th = Math.Atan2(centre[1], centre[0]);
        double c1 = Math.Cos(th), s1 = Math.Sin(th), ck = 1, sk = 0;
        double v = _lambda + _a[0], dv = 0;
        for (int k = 1; k <= _k; k++)
        {
            double cn = ck * c1 - sk * s1;
            sk = sk * c1 + ck * s1;
            ck = cn;
            v += _a[k] * ck + _b[k] * sk;
            dv += k * (_b[k] * ck - _a[k] * sk);
        }
        return (v, v - radius * Math.Abs(dv) - 0.5 * _h * radius * radius);
    }
}

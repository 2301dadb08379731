using System.Numerics.Tensors;
using SphereFlow.Data;

namespace SphereFlow.Certificates;

/// <summary>
/// Lower bound of J(η) = λ + Σ_i g_i a max(0, z_i·β) on geodesic balls, for the <c>relu</c> map (η = (a, β), β = b ∈ R^k,
/// z_i = x_i) and the <c>relu-bias</c> map (β = (b, c) ∈ R^{k+1}, z_i = (x_i, 1)). J has kinks on the great spheres
/// {z_i·β = 0}, so the data points are split per ball:
/// <list type="bullet">
/// <item>
/// <b>Sign-constant points.</b> On B(c, r), z_i·β = ⟨(0, z_i), η⟩ ranges over |z_i|·[cos(θ + r), cos(θ − r)], θ the angle
/// between (0, z_i) and c, so its sign is constant when |z_i·β_c| &gt; |z_i| sin r (tested with the round-off of the dot
/// product, (q + 4)·2u|z_i|, added to the threshold; a doubtful point is treated as a kink, which is always valid). Points
/// with z_i·β &lt; 0 on the ball contribute 0; those with z_i·β &gt; 0 contribute a·(w·β), w = Σ_{positive} g_i z_i. This is
/// the quadratic form ηᵀQη, Q = ½(e₀ w̃ᵀ + w̃ e₀ᵀ), w̃ = (0, w), whose eigenvalues are ±|w|/2 (and 0). Along a unit-speed
/// geodesic (γ'' = −γ, γ ⊥ γ' both unit), (ηᵀQη)'' = 2γ'ᵀQγ' − 2γᵀQγ ≥ −2|w|, so the second-order bound holds with
/// H = 2|w|: the smooth part is ≥ a_c w·β_c − r|∇_s(a w·β)(c)| − |w| r².
/// </item>
/// <item>
/// <b>Kink points.</b> On the unit sphere (a² + |β|² = 1) the Euclidean gradient of a max(0, z·β) is
/// (max(0, z·β), a 1[z·β &gt; 0] z), of norm² ≤ |β|²|z|² + a²|z|² = |z|², so each kink term is |g_i||z_i|-Lipschitz along
/// geodesics (it is continuous and piecewise smooth): it is ≥ its value at c minus r|g_i||z_i|.
/// </item>
/// </list>
/// The kink contribution is first order in r but only involves the points whose hyperplane crosses the ball, whose number
/// shrinks like r, so the bound's error is O(r²) overall. Cost per ball: O(n q). Round-off: kernel error E = q + 4
/// (a dot product of q terms, the max, the product with a), Ψmax_i = |z_i| (|a max(0, z·β)| ≤ |a||β||z| ≤ |z|), see
/// <see cref="RoundOff"/>.
/// </summary>
public sealed class ReluBallBound : IBallLowerBound
{
    private readonly WeightedData _data;
    private readonly double[] _g, _zNorm;
    private readonly double _lambda;
    private readonly bool _bias;
    private readonly int _q;

    /// <summary>Creates the bound for residual weights g_i = ω_i ∂₁ℓ(h_i, y_i) of data <paramref name="data"/>.</summary>
    /// <param name="data">The data (x_i).</param>
    /// <param name="residual">g_i.</param>
    /// <param name="lambda">λ.</param>
    /// <param name="hasBias">True for relu-bias (z_i = (x_i, 1)).</param>
    /// <param name="lossLipschitz">L_ℓ of the loss derivative (for the margin).</param>
    /// <param name="atoms">Atoms of ν (for the margin).</param>
    /// <param name="totalMass">ν(S^d) (for the margin).</param>
    public ReluBallBound(WeightedData data, double[] residual, double lambda, bool hasBias, double lossLipschitz, int atoms, double totalMass)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(residual);
        if (residual.Length != data.Count) throw new ArgumentException("residual and data lengths differ");
        _data = data; _g = residual; _lambda = lambda; _bias = hasBias;
        int n = data.Count, k = data.InputDim;
        _q = k + (hasBias ? 1 : 0);
        _zNorm = new double[n];
        double scale = 0, sens = 0;
        for (int i = 0; i < n; i++)
        {
            double s = hasBias ? 1 : 0;
            for (int c = 0; c < k; c++) s += data[i, c] * data[i, c];
            _zNorm[i] = Math.Sqrt(s) * (1 + 4 * RoundOff.Unit);
            scale += Math.Abs(residual[i]) * _zNorm[i];
            sens += data.Weights[i] * _zNorm[i] * _zNorm[i];
        }
        Scale = scale;
        RoundOffMargin = RoundOff.DataMargin(n, _q + 1, _q + 4, scale, lossLipschitz, atoms, totalMass, sens);
    }

    /// <inheritdoc/>
    public int AmbientDim => _q + 1;
    /// <inheritdoc/>
    public string Method => "second order on the sign-constant data (H = 2|w|), Lipschitz |g_i||z_i| on the kinks";
    /// <inheritdoc/>
    public double Scale { get; }
    /// <inheritdoc/>
    public double RoundOffMargin { get; }
    /// <inheritdoc/>
    public int ScratchLength => 2 * _data.Count + _q;

    /// <inheritdoc/>
    public (double Value, double Lower) Evaluate(ReadOnlySpan<double> centre, double radius, Span<double> scratch)
    {
        int n = _data.Count, k = _data.InputDim, q = _q;
        double a = centre[0];
        var beta = centre.Slice(1, q);
        var t = scratch[..n];
        var mg = scratch.Slice(n, n);
        var w = scratch.Slice(2 * n, q);
        var view = _data.View;
        t.Fill(_bias ? beta[k] : 0.0);
        for (int c = 0; c < k; c++) TensorPrimitives.MultiplyAdd(view.Column(c), beta[c], t, t);
        double sinR = Math.Sin(Math.Min(radius, Math.PI / 2)) + (2 * q + 8) * RoundOff.Unit;
        double kinkValue = 0, kinkLip = 0;
        for (int i = 0; i < n; i++)
        {
            double gi = _g[i], ti = t[i], thr = _zNorm[i] * sinR;
            mg[i] = 0;
            if (ti > thr) mg[i] = gi;
            else if (ti >= -thr)
            {
                kinkValue += gi * a * Math.Max(0, ti);
                kinkLip += Math.Abs(gi) * _zNorm[i];
            }
        }
        for (int c = 0; c < k; c++) w[c] = TensorPrimitives.Dot((ReadOnlySpan<double>)mg, view.Column(c));
        if (_bias) w[k] = TensorPrimitives.Sum((ReadOnlySpan<double>)mg);
        // Smooth part f = a (w·β): value, Euclidean gradient (w·β, a w), tangential gradient G = ∇f − (c·∇f) c.
        double wb = TensorPrimitives.Dot((ReadOnlySpan<double>)w, beta);
        double f = a * wb, cg = 2 * f;
        double g0 = wb - cg * a, g2 = g0 * g0;
        for (int c = 0; c < q; c++)
        {
            double gc = a * w[c] - cg * beta[c];
            g2 += gc * gc;
        }
        double gradNorm = Math.Sqrt(g2), wNorm = TensorPrimitives.Norm((ReadOnlySpan<double>)w);
        double value = _lambda + f + kinkValue;
        double lower = value - radius * gradNorm - wNorm * radius * radius - radius * kinkLip;
        return (value, lower);
    }
}

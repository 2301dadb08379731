namespace SphereFlow.Solvers.RungeKutta;

/// <summary>Stage buffers of an explicit Runge–Kutta method and its one combination y + h Σ a_i k_i.</summary>
/// <typeparam name="TState">The state type.</typeparam>
internal sealed class RungeKuttaStages<TState> where TState : IOdeState
{
    /// <summary>Allocates <paramref name="stages"/> rate buffers and a stage point shaped like <paramref name="like"/>.</summary>
    public RungeKuttaStages(IOdeSystem<TState> system, TState like, int stages)
    {
        K = new TState[stages];
        for (int s = 0; s < stages; s++) K[s] = system.CreateLike(like);
        Point = system.CreateLike(like);
        Shape = [.. like.Blocks.Select(b => b.Length)];
    }

    /// <summary>Rates k_s.</summary>
    public TState[] K { get; }

    /// <summary>A stage point.</summary>
    public TState Point { get; }

    private int[] Shape { get; }

    /// <summary>Whether the buffers fit <paramref name="state"/>.</summary>
    public bool Fits(TState state)
    {
        var blocks = state.Blocks;
        if (blocks.Count != Shape.Length) return false;
        for (int b = 0; b < Shape.Length; b++) if (blocks[b].Length != Shape[b]) return false;
        return true;
    }

    /// <summary>
    /// <paramref name="result"/> = <paramref name="y"/> + <paramref name="h"/>·Σ_i a_i k_i over the nonzero a_i, summed in
    /// stage order from the first nonzero term (so that (1, 2, 2, 1) with h/6 rounds as the classical RK4 formula);
    /// <paramref name="result"/> may be <paramref name="y"/> itself (each component depends only on its own index).
    /// </summary>
    public void Combine(TState y, double h, ReadOnlySpan<double> a, TState result)
    {
        Span<int> nonzero = stackalloc int[a.Length];
        int n = 0;
        for (int i = 0; i < a.Length; i++) if (a[i] != 0) nonzero[n++] = i;
        var yb = y.Blocks;
        var rb = result.Blocks;
        for (int b = 0; b < yb.Count; b++)
        {
            var ys = yb[b];
            var rs = rb[b];
            if (n == 0) { ys.CopyTo(rs, 0); continue; }
            var k0 = K[nonzero[0]].Blocks[b];
            double a0 = a[nonzero[0]];
            for (int q = 0; q < ys.Length; q++)
            {
                double acc = a0 * k0[q];
                for (int t = 1; t < n; t++) acc += a[nonzero[t]] * K[nonzero[t]].Blocks[b][q];
                rs[q] = ys[q] + h * acc;
            }
        }
    }
}

namespace SphereFlow.Solvers.Reference;

/// <summary>Outcome of <see cref="ConvexReference.Solve(SphereFlow.Objectives.NetworkObjective, double[], ConvexReferenceOptions?)"/>.</summary>
/// <param name="Energy">F at the returned masses (the reference F*, accurate to <paramref name="Gap"/>).</param>
/// <param name="Masses">The minimising masses ν* at the given points.</param>
/// <param name="Gap">Certified bound on F(ν) − F* over nonnegative masses on the given points (+∞ when none is available).</param>
/// <param name="GapKind">"fenchel" (square loss: primal minus the Fenchel dual at a scaled residual), "certificate" (∫J dν − min(0, min J)·F/λ), or "none".</param>
/// <param name="KktResidual">max_K |min(M_K, J_K)|·: the projected-gradient optimality residual (0 at the optimum).</param>
/// <param name="Iterations">Accelerated-gradient iterations used.</param>
/// <param name="Converged">True when the stopping rule was met before the iteration cap.</param>
/// <param name="Lipschitz">Final Lipschitz constant L of the gradient (power iteration, then backtracking).</param>
public sealed record ConvexReferenceResult(double Energy, double[] Masses, double Gap, string GapKind, double KktResidual, int Iterations, bool Converged, double Lipschitz)
{
    /// <summary>
    /// Certified bound on <see cref="Energy"/> − F* with F* the optimum over all nonnegative measures on the whole sphere (not only
    /// on the grid): the same duality argument as <see cref="Gap"/> with the rigorous lower bound of min_η J over S^d
    /// (<see cref="SphereFlow.Certificates.MinimumOfJ"/>) in place of the grid minimum. NaN when no rigorous bound is available
    /// (then the reference is only certified on its grid), +∞ when the bound certifies nothing (λ = 0 and J &lt; 0 somewhere).
    /// </summary>
    public double SphereGap { get; init; } = double.NaN;

    /// <summary>The rigorous lower bound of min_η J(η|ν*) over S^d used for <see cref="SphereGap"/> (NaN when none).</summary>
    public double SphereMinJLowerBound { get; init; } = double.NaN;

    /// <summary>
    /// A certified lower bound of the continuum optimum F*: <see cref="Energy"/> − <see cref="SphereGap"/> (NaN when there is no
    /// sphere certificate). Any measure's F lies above it, so F(ν) − Energy below −SphereGap is an error, not progress.
    /// </summary>
    public double SphereLowerBound => Energy - SphereGap;
}

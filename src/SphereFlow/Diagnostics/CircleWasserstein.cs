using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Diagnostics;

/// <summary>
/// The Wasserstein-1 distance on the circle S^1 with the geodesic (arc-length) cost between the normalised measures
/// μ/μ(S^1) and ν/ν(S^1), in closed form: W1 = min_c ∫_0^{2π} |G(θ) − c| dθ with G = F_μ − F_ν the difference of the
/// cumulative distribution functions from angle 0, the minimum attained at a median c of G under arc length
/// (Rabin, Delon &amp; Gousseau 2011). Exact for atomic measures in O(n log n); total masses are compared separately.
/// </summary>
public static class CircleWasserstein
{
    /// <summary>W1 between μ/μ(S^1) and ν/ν(S^1) on S^1 (points are unit vectors in R²).</summary>
    public static double Distance(Measure mu, Measure nu)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(nu);
        if (mu.AmbientDim != 2 || nu.AmbientDim != 2) throw new ArgumentException("the closed-form W1 is for measures on S^1 (points in R²)");
        double pm = mu.TotalMass, pn = nu.TotalMass;
        if (!(pm > 0) || !(pn > 0)) throw new ArgumentException("both measures need positive total mass");
        var events = new List<(double Angle, double Weight)>(mu.Count + nu.Count);
        for (int j = 0; j < mu.Count; j++) events.Add((Sphere.CircleAngle(mu.Point(j)), mu.Mass[j] / pm));
        for (int j = 0; j < nu.Count; j++) events.Add((Sphere.CircleAngle(nu.Point(j)), -nu.Mass[j] / pn));
        events.Sort((a, b) => a.Angle.CompareTo(b.Angle));
        // G is constant on the arcs between consecutive event angles: (length, value) pieces covering [0, 2π).
        var pieces = new List<(double Length, double Value)>(events.Count + 1);
        double g = 0, previous = 0;
        foreach (var (angle, weight) in events)
        {
            if (angle > previous) pieces.Add((angle - previous, g));
            g += weight;
            previous = angle;
        }
        if (2 * Math.PI > previous) pieces.Add((2 * Math.PI - previous, g));
        // c = a median of G under arc length.
        var sorted = pieces.OrderBy(p => p.Value).ToList();
        double half = Math.PI, acc = 0, c = sorted[^1].Value;
        foreach (var p in sorted)
        {
            acc += p.Length;
            if (acc >= half) { c = p.Value; break; }
        }
        double w = 0;
        foreach (var p in pieces) w += p.Length * Math.Abs(p.Value - c);
        return w;
    }
}

using FsCheck;
using FsCheck.Fluent;
using SphereFlow.Diagnostics;
using SphereFlow.Geometry;
using SphereFlow.Measures;

namespace SphereFlow.Tests.Core;

/// <summary>Closed-form W1 on S^1: known transports, an independent brute-force minimisation, and invariances.</summary>
public class CircleWassersteinTests
{
    private static Measure Atoms(params (double Angle, double Mass)[] atoms)
    {
        var nu = new Measure(2, atoms.Length);
        for (int j = 0; j < atoms.Length; j++)
        {
            nu.Point(j)[0] = Math.Cos(atoms[j].Angle);
            nu.Point(j)[1] = Math.Sin(atoms[j].Angle);
            nu.Mass[j] = atoms[j].Mass;
        }
        return nu;
    }

    [Fact]
    public void Known_transports_between_atoms()
    {
        Assert.Equal(Math.PI / 2, CircleWasserstein.Distance(Atoms((0, 1)), Atoms((Math.PI / 2, 1))), 12);
        Assert.Equal(Math.PI, CircleWasserstein.Distance(Atoms((0.3, 2)), Atoms((0.3 + Math.PI, 5))), 12);
        // Across angle 0: 6.2 rad and 0.1 rad are 2π − 6.1 apart.
        Assert.Equal(2 * Math.PI - 6.1, CircleWasserstein.Distance(Atoms((6.2, 1)), Atoms((0.1, 1))), 12);
        // Half the mass moves by 1 rad.
        Assert.Equal(0.5, CircleWasserstein.Distance(Atoms((1, 1), (2, 1)), Atoms((1, 1), (3, 1))), 12);
        Assert.Equal(0, CircleWasserstein.Distance(Atoms((1, 1), (2, 3)), Atoms((2, 6), (1, 2))), 12);
    }

    private static double BruteForce(Measure mu, Measure nu)
    {
        // ∫|G − c| on a fine angle grid, minimised over c on a grid of the values G takes.
        const int n = 20000;
        var g = new double[n];
        double pm = mu.TotalMass, pn = nu.TotalMass;
        for (int i = 0; i < n; i++)
        {
            double th = 2 * Math.PI * (i + 0.5) / n, s = 0;
            for (int j = 0; j < mu.Count; j++) if (Ang(mu, j) <= th) s += mu.Mass[j] / pm;
            for (int j = 0; j < nu.Count; j++) if (Ang(nu, j) <= th) s -= nu.Mass[j] / pn;
            g[i] = s;
        }
        return g.Distinct().Min(c => g.Sum(v => Math.Abs(v - c)) * 2 * Math.PI / n);
    }

    private static double Ang(Measure nu, int j) => Sphere.CircleAngle(nu.Point(j));

    private static Measure Random(Random rng, int count)
    {
        var atoms = new (double, double)[count];
        for (int j = 0; j < count; j++) atoms[j] = (2 * Math.PI * rng.NextDouble(), 0.1 + rng.NextDouble());
        return Atoms(atoms);
    }

    [Property(MaxTest = 25)]
    public Property Matches_a_brute_force_minimisation_and_is_symmetric_and_rotation_invariant() => Prop.ForAll(
        Gen.Choose(1, 8).SelectMany(a => Gen.Choose(1, 8).SelectMany(b => Gen.Choose(0, 100_000).Select(s => (a, b, s)))).ToArbitrary(),
        t =>
        {
            var rng = new Random(t.s);
            var mu = Random(rng, t.a);
            var nu = Random(rng, t.b);
            double w = CircleWasserstein.Distance(mu, nu);
            double shift = 2 * Math.PI * rng.NextDouble();
            Measure Rotate(Measure m) => Atoms([.. Enumerable.Range(0, m.Count).Select(j => (Ang(m, j) + shift, m.Mass[j]))]);
            return Math.Abs(w - BruteForce(mu, nu)) < 2e-3
                   && Math.Abs(w - CircleWasserstein.Distance(nu, mu)) < 1e-12
                   && Math.Abs(w - CircleWasserstein.Distance(Rotate(mu), Rotate(nu))) < 1e-9;
        });
}

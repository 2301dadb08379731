using SphereFlow.Data;
using SphereFlow.Features;

namespace SphereFlow.Tests.Core;

/// <summary>
/// The exact angular ReLU kernel (k = 2) at its edges: wrong shapes are refused with a message naming the argument,
/// non-finite input poisons every output (so a diverged run is named as such, never half-computed), and outputs do not
/// depend on what the caller's buffers held before. Its agreement with the per-η kernel is in <see cref="MeasureKernelTests"/>.
/// </summary>
public class AngularReluKernelInputTests
{
    /// <summary>Data (1, 0), (0, 0), (0, 1), (−1, 0), (0, 0), (0, −1): the zero inputs lie on no arc and are left out of the sorted layout.</summary>
    private static WeightedData Compass() => WeightedData.FromRows(2, [1.0, 0, 0, 0, 0, 1, -1, 0, 0, 0, 0, -1], new double[6], Enumerable.Repeat(1.0 / 6, 6).ToArray());

    /// <summary>Two atoms: M = 1, a = 1, b = (1, 0) and M = 2, a = −0.5, b = (0, 1), so h(x) = max(0, x0) − max(0, x1); and one with b = 0.</summary>
    private static readonly double[] Mass = [1.0, 2.0, 0.5];
    private static readonly double[] Points = [1.0, 1.0, 0.0, -0.5, 0.0, 1.0, 0.75, 0.0, 0.0];

    [Fact]
    public void Constructor_refuses_missing_data_and_inputs_not_in_the_plane()
    {
        Assert.Throws<ArgumentNullException>(() => new AngularReluKernel(null!));
        var wide = WeightedData.FromRows(3, [1.0, 2.0, 3.0], [0.0], [1.0]);
        var e = Assert.Throws<ArgumentException>(() => new AngularReluKernel(wide));
        Assert.Contains("R^2", e.Message, StringComparison.Ordinal);
        // The report names the algorithm that ran (summary "kernel" entry).
        Assert.Contains("angular", new AngularReluKernel(Compass()).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_shapes_are_refused_with_a_message_naming_the_argument()
    {
        var kernel = new AngularReluKernel(Compass());
        void Refused(string word, Action call) => Assert.Contains(word, Assert.Throws<ArgumentException>(call).Message, StringComparison.Ordinal);
        Refused("points", () => kernel.Predict(Mass, Points.AsSpan(0, 8), new double[6]));
        Refused("prediction", () => kernel.Predict(Mass, Points, new double[7]));
        Refused("points", () => kernel.Contract(Points.AsSpan(0, 6), new double[6], new double[3], Span<double>.Empty));
        Refused("residual", () => kernel.Contract(Points, new double[5], new double[3], new double[9]));
        Refused("gradient", () => kernel.Contract(Points, new double[6], new double[3], new double[8]));
    }

    [Fact]
    public void Prediction_overwrites_every_entry_including_zero_inputs()
    {
        var kernel = new AngularReluKernel(Compass());
        var h = Enumerable.Repeat(123.0, 6).ToArray();   // a reused buffer still holding the last step's values
        kernel.Predict(Mass, Points, h);
        // h(x) = max(0, x0) − max(0, x1), exact in floating point for these inputs.
        Assert.Equal([1.0, 0.0, -1.0, 0.0, 0.0, 0.0], h);
    }

    /// <summary>Where the bad value goes. mass[1]: an atom whose arc starts after the first sorted input (so a kernel that
    /// went on summing would leave that input finite); points[7]: the atom with b = 0, whose arc is empty.</summary>
    public static TheoryData<string, int> NonFiniteInputs() => new()
    {
        { "mass", 1 }, { "mass", 2 }, { "points", 1 }, { "points", 7 }, { "residual", 0 }, { "residual", 4 },
    };

    [Theory]
    [MemberData(nameof(NonFiniteInputs))]
    public void Non_finite_input_makes_every_output_NaN(string where, int index)
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            var mass = (double[])Mass.Clone();
            var points = (double[])Points.Clone();
            var g = new double[] { 1.0, 2.0, -1.0, 0.5, 3.0, -2.0 };
            (where switch { "mass" => mass, "points" => points, _ => g })[index] = bad;
            var kernel = new AngularReluKernel(Compass());
            var h = new double[6];
            kernel.Predict(mass, points, h);
            var values = new double[3];
            var gradients = new double[9];
            kernel.Contract(points, g, values, gradients);
            var valueOnly = new double[3];
            kernel.Contract(points, g, valueOnly, Span<double>.Empty);
            if (where != "residual") Assert.All(h, v => Assert.True(double.IsNaN(v), $"{where}[{index}] = {bad}: h has {v}"));
            if (where != "mass")
            {
                Assert.All(values, v => Assert.True(double.IsNaN(v), $"{where}[{index}] = {bad}: value {v}"));
                Assert.All(gradients, v => Assert.True(double.IsNaN(v), $"{where}[{index}] = {bad}: gradient {v}"));
                Assert.All(valueOnly, v => Assert.True(double.IsNaN(v), $"{where}[{index}] = {bad}: value-only {v}"));
            }
        }
    }
}

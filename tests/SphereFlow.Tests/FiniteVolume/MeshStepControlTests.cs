using SphereFlow.Solvers.Stepping;
using SphereFlow.Cases;
using SphereFlow.Solvers.FiniteVolume;
using SphereFlow.Solvers.Simulation;
using SphereFlow.Tests.TestSupport;

namespace SphereFlow.Tests.FiniteVolume;

/// <summary>
/// The remembered step cap of <see cref="MeshSolver"/>: on the bundled S^1 deconvolution case, where dt = 0.05 is past the
/// energy-stability limit for most of the run, the controller pays few rejected attempts, and a checkpoint taken while the
/// cap is active resumes bit-for-bit.
/// </summary>
public class MeshStepControlTests(ITestOutputHelper output)
{
    private static MeshSolver Load() =>
        (MeshSolver)CaseReader.Load(BundledCases.Path("deconv-s1-mesh.yaml"), ["solver.t_end=4"]).Solver;

    [Fact]
    public void Energy_rejections_stay_rare_once_the_cap_is_learned()
    {
        var solver = Load();
        long rejections = 0, evaluations = 0;
        while (solver.Time < 4)
        {
            var r = solver.Advance(Math.Min(0.05, 4 - solver.Time));
            rejections += r.Rejections;
            evaluations += r.Evaluations;
        }
        output.WriteLine($"t = 4: {solver.Steps} steps, {rejections} rejected attempts, {evaluations} J evaluations, {solver.UnresolvedEnergyRises} unresolved rises");
        // Bound from the controller: a rejection halves Δt and the cap then grows by g = StepGrowth per accepted step, so it
        // takes ⌈ln 2 / ln g⌉ − 1 (= 7 for g = 1.1) accepted steps before the cap again exceeds the rejected size; while the
        // energy-stability limit does not fall faster than the cap grows, at most one rejection per that many steps (+1 for
        // the first). Measured: 4 rejected attempts in 139 steps to t = 4; without the cap about one every second step.
        int quiet = (int)Math.Ceiling(Math.Log(2) / Math.Log(solver.Options.StepGrowth)) - 1;
        Assert.True(rejections <= solver.Steps / quiet + 1, $"{rejections} rejected attempts in {solver.Steps} steps (bound {solver.Steps / quiet + 1})");
        Assert.Equal(0, solver.UnresolvedEnergyRises);
    }

    [Fact]
    public void Checkpoint_taken_while_the_cap_is_active_resumes_bit_for_bit()
    {
        var a = Load();
        bool justRejected = false;   // a rejection sets the cap to the accepted Δt, below dt and the CFL bound
        while (a.Steps < 120 || !justRejected)
        {
            justRejected = a.Advance(0.05).Rejections > 0;
            Assert.True(a.Steps < 2000, "no energy rejection after step 120");
        }
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) SolverCheckpoint.Write(w, a);
        var b = Load();
        buffer.Position = 0;
        using (var rd = new BinaryReader(buffer)) SolverCheckpoint.Read(rd, b);
        for (int s = 0; s < 40; s++)
        {
            var ra = a.Advance(0.05);
            var rb = b.Advance(0.05);
            Assert.Equal(ra.Dt, rb.Dt);
            Assert.Equal(ra.Rejections, rb.Rejections);
        }
        Assert.Equal(a.Time, b.Time);
        Assert.True(a.Masses.SequenceEqual(b.Masses));
    }
}

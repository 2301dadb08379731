using SphereFlow.Data;

namespace SphereFlow.Tests.Particles;

/// <summary>The SGD batch sampler: drawing ahead on another thread changes nothing, checkpoints resume bit for bit, targets are the teacher's.</summary>
public class TeacherBatchSamplerTests
{
    private static List<(double[] X, double[] Y)> Batches(TeacherBatchSampler s, int count)
    {
        var list = new List<(double[], double[])>();
        for (int i = 0; i < count; i++) { s.Next(); list.Add(((double[])s.Batch.X.Clone(), (double[])s.Batch.Y.Clone())); }
        return list;
    }

    [Theory]
    [InlineData(100, 10, 100)]   // blocked kernel for the targets
    [InlineData(3, 4, 17)]       // scalar teacher loop
    public void Drawing_ahead_gives_the_same_batches_and_targets_are_the_teachers(int k, int m0, int batch)
    {
        var teacher = TeacherNetwork.Random(k, m0, 3);
        var ahead = Batches(new TeacherBatchSampler(teacher, batch, 9, prefetch: true), 30);
        var onDemand = Batches(new TeacherBatchSampler(teacher, batch, 9, prefetch: false), 30);
        for (int i = 0; i < ahead.Count; i++)
        {
            Assert.Equal(onDemand[i].X, ahead[i].X);
            Assert.Equal(onDemand[i].Y, ahead[i].Y);
        }
        var x = new double[k];
        for (int p = 0; p < batch; p++)
        {
            for (int c = 0; c < k; c++) x[c] = ahead[^1].X[c * batch + p];
            double y = teacher.Output(x);
            Assert.True(Math.Abs(ahead[^1].Y[p] - y) <= 1e-13 * (1 + Math.Abs(y)), $"target {p}: {ahead[^1].Y[p]} vs {y}");
        }
        Assert.NotEqual(ahead[0].X, ahead[1].X);
    }

    [Fact]
    public void A_checkpoint_taken_while_a_batch_is_drawn_ahead_resumes_bit_for_bit()
    {
        var teacher = TeacherNetwork.Random(50, 5, 1);
        var a = new TeacherBatchSampler(teacher, 64, 4, prefetch: true);
        Batches(a, 7);
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true)) a.WriteState(w);
        var expected = Batches(a, 5);
        ms.Position = 0;
        var b = new TeacherBatchSampler(teacher, 64, 123, prefetch: true);
        Batches(b, 2);
        using (var r = new BinaryReader(ms)) b.ReadState(r);
        var resumed = Batches(b, 5);
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i].X, resumed[i].X);
    }

    [Fact]
    public void Batches_are_the_same_whether_the_pool_thread_or_the_caller_draws_them()
    {
        // Back-to-back calls mostly find the pending draw unclaimed (the caller draws it); a pause lets the pool thread
        // draw it. Alternating both, with a checkpoint read in between, must give the on-demand stream.
        var teacher = TeacherNetwork.Random(100, 10, 2);
        var onDemand = Batches(new TeacherBatchSampler(teacher, 100, 5, prefetch: false), 40);
        var s = new TeacherBatchSampler(teacher, 100, 5, prefetch: true);
        for (int i = 0; i < 40; i++)
        {
            if (i % 3 == 0) Thread.Sleep(2);
            s.Next();
            Assert.Equal(onDemand[i].X, s.Batch.X);
            Assert.Equal(onDemand[i].Y, s.Batch.Y);
        }
    }
}

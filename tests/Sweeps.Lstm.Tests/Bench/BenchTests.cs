namespace Sweeps.Lstm.Tests.Bench;

public class BenchTests
{
    [Fact]
    public void The_bench_reports_a_median_time_and_a_rate()
    {
        var result = LstmBench.Measure(LstmVariant.Np, batch: 2, hidden: 16, input: 4, steps: 10, repetitions: 5);
        Assert.True(result.MedianMilliseconds > 0);
        Assert.Equal(2 / (result.MedianMilliseconds / 1000), result.SequencesPerSecond, 6);
    }
}

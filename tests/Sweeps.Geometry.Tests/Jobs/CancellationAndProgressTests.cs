using Sweeps.Core.Jobs;
using Sweeps.Geometry.Tests.Support;

namespace Sweeps.Geometry.Tests.Jobs;

public class CancellationAndProgressTests
{
    // Requests that would run for hours: only cancellation can end them in time.
    public static TheoryData<string, string> Huge => new()
    {
        { "geometry.grid-occupancy", "dimension=100000, points=5000000" },
        { "geometry.ball-in-cube", "dimension=1000, samples=1000000000000" },
        { "geometry.angles", "dimension=1000, pairs=1000000000000" },
        { "geometry.shell-fraction", "dimension=1000, samples=1000000000000" },
        { "geometry.distance-concentration", "dimension=1000, points=1000000, queries=1000000" },
        { "geometry.knn", "dimension=1000, train=20000, test=50000000" },
    };

    [Theory]
    [MemberData(nameof(Huge))]
    public void A_huge_request_stops_at_the_next_check_after_cancellation(string kind, string parameters)
    {
        // Cancelled at its first progress report (or after 150 ms if it has not reported by then): a job that checks
        // the token between chunks stops before it could report twice more. No clock decides the outcome: a slow machine
        // only makes reports rarer.
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
        var progress = new CancellingProgress(cancellation);

        Assert.ThrowsAny<OperationCanceledException>(() => Trial.Run(kind, parameters, cancellation: cancellation.Token, progress: progress));
        Assert.True(progress.ReportsAfterCancel <= 1, $"{progress.ReportsAfterCancel} progress reports after cancellation");
        Assert.True(progress.LastFraction < 0.01, $"{progress.LastFraction:P} done before stopping");
    }

    private sealed class CancellingProgress(CancellationTokenSource cancellation) : IJobProgress
    {
        public int ReportsAfterCancel { get; private set; }

        public double LastFraction { get; private set; }

        public void Report(double fraction, long step = 0, IReadOnlyDictionary<string, double>? metrics = null)
        {
            LastFraction = fraction;
            if (cancellation.IsCancellationRequested) ReportsAfterCancel++;
            else cancellation.Cancel();
        }
    }

    [Fact]
    public void Progress_rises_to_one_at_most_every_100_ms()
    {
        var progress = new RecordingProgress();
        Trial.Run("geometry.angles", "dimension=100, pairs=1000000", progress: progress);

        var reports = progress.Reports;
        Assert.Equal(1, reports[^1].Fraction);
        for (var i = 1; i < reports.Count; i++) Assert.True(reports[i].Fraction >= reports[i - 1].Fraction);
        // The meter spaces reports 100 ms apart on its own clock; allow for a report's delivery being delayed on a busy machine.
        Assert.True(reports.Count <= reports[^1].At.TotalMilliseconds / 100 + 2, $"{reports.Count} reports in {reports[^1].At}");
        for (var i = 2; i < reports.Count - 1; i++) Assert.True(reports[i].At - reports[i - 2].At >= TimeSpan.FromMilliseconds(150));
    }
}

namespace Sweeps.Core.Jobs;

/// <summary>Returns at once, or after <c>sleep_ms</c>: measures the orchestrator's own overhead, and serves tests.</summary>
/// <remarks><c>fail</c> = true makes it throw, to exercise failed trials end to end; <c>hang</c> = true never returns.</remarks>
public sealed class NoopJob : IJob
{
    /// <summary>The kind <c>noop</c>: what it takes and reports. A plugin's job declares itself the same way.</summary>
    public static JobDefinition Definition { get; } = new(
        "noop",
        "Does nothing, at once or after sleep_ms milliseconds; for measuring the orchestrator's overhead and for tests.",
        [
            JobParameter.Real("sleep_ms", "milliseconds to wait before returning", 0)
                .Within(0, int.MaxValue, "a wait is at most 2147483647 ms, about 24.8 days"),
            JobParameter.Boolean("fail", "throw instead of returning, to produce a failed trial", false),
            JobParameter.Boolean("hang", "never return, ignoring cancellation: a stuck trial, for testing leases", false),
        ],
        ["value"],
        () => new NoopJob());

    /// <inheritdoc />
    public JobResult Run(JobContext context)
    {
        var sleepMs = context.Parameters.GetReal("sleep_ms", 0);
        if (sleepMs < 0) throw new Parameters.JobParameterException("sleep_ms", $"must be 0 or more, got {sleepMs}");
        if (context.Parameters.GetBoolean("fail", false)) throw new InvalidOperationException("noop was asked to fail (fail: true)");
        if (context.Parameters.GetBoolean("hang", false)) Thread.Sleep(Timeout.Infinite);
        if (sleepMs > 0) context.Cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(sleepMs));
        context.Cancellation.ThrowIfCancellationRequested();
        // A value that depends on the seed, so that determinism by seed can be checked end to end.
        return JobResult.Of(("value", (context.Seed >> 11) * (1.0 / (1UL << 53))));
    }
}

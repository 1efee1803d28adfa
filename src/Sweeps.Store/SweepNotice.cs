namespace Sweeps.Store;

/// <summary>
/// One row of <c>sweep_notices</c>: something <c>status</c> should tell about a sweep, one a topic (<see cref="Waiting"/>:
/// why no connected worker can run it; <c>refused:WORKER</c>: why that worker could not). A null message removes it.
/// </summary>
public sealed record SweepNotice(string Sweep, string Topic, string? Message, DateTime At)
{
    public const string Waiting = "waiting";

    public const string RefusedPrefix = "refused:";
}

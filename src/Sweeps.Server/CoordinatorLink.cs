using Sweeps.Core.Lifecycle;
using Akka.Actor;
using Sweeps.Cluster.Messages;

namespace Sweeps.Server;

/// <summary>
/// The API's one way to the coordinator: an Ask through the node's coordinator reference (on a cluster coordinator node,
/// the singleton proxy, so a standby forwards to the active one). No answer in time is <see cref="CoordinatorUnavailable"/>.
/// </summary>
public sealed class CoordinatorLink(Func<IActorRef?> coordinator, TimeSpan timeout)
{
    public Task<ProgressReport> ProgressAsync(CancellationToken cancellation) => AskAsync<ProgressReport>(GetProgress.Instance, cancellation);

    public Task<SubmitResult> SubmitAsync(IReadOnlyList<string> specs, CancellationToken cancellation, SweepOrigin? origin = null) =>
        AskAsync<SubmitResult>(new SubmitSweeps(specs, origin), cancellation);

    public Task<SweepStateChangeResult> ChangeStateAsync(string sweep, SweepState state, CancellationToken cancellation) =>
        AskAsync<SweepStateChangeResult>(new ChangeSweepState(sweep, state), cancellation);

    public Task<TrialsRetryResult> RetryAsync(string sweep, bool failed, bool pruned, CancellationToken cancellation) =>
        AskAsync<TrialsRetryResult>(new RetryTrials(sweep, failed, pruned), cancellation);

    private async Task<T> AskAsync<T>(object message, CancellationToken cancellation)
    {
        var target = coordinator() ?? throw new CoordinatorUnavailable("this node's coordinator is not started yet; try again, or another coordinator node");
        try
        {
            return await target.Ask<T>(message, timeout, cancellation);
        }
        catch (AskTimeoutException)
        {
            throw new CoordinatorUnavailable($"the coordinator did not answer within {timeout.TotalSeconds:0.#} s (a coordinator hand-over takes a few seconds); try again, or another coordinator node");
        }
    }
}

/// <summary>The coordinator could not be reached; the API answers 503 with the message.</summary>
public sealed class CoordinatorUnavailable(string message) : Exception(message);

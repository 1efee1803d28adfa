using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Runs sweeps to the end in this process: the coordinator, the results projection and a worker with N slots.
/// Interrupted, it stops the node, whose CoordinatedShutdown cancels the running trials, hands them back and lets the
/// store settle; the same call again resumes where it stopped.
/// </summary>
public static class EmbeddedRun
{
    public static async Task<EmbeddedRunResult> RunAsync(
        SweepsNodeOptions options,
        JobRegistry jobs,
        IReadOnlyList<SweepSpec> specs,
        Action<IReadOnlyList<SweepProgress>> onProgress,
        TimeSpan progressInterval,
        CancellationToken interruption,
        Core.Lifecycle.SweepOrigin? origin = null)
    {
        var names = specs.Select(s => s.Name).ToHashSet();
        var node = await SweepsNode.StartAsync(options, jobs, CancellationToken.None);
        var store = node.Store!;
        try
        {
            StoredSpecCheck.ThrowIfChanged(specs, store, jobs);
            var submitted = await node.SubmitAsync(specs, origin);
            var refused = submitted.Sweeps.Where(s => !s.Accepted).ToList();
            if (refused.Count > 0)
                throw new SpecException(refused.Select(r => new SpecError(specs.First(s => s.Name == r.Name).Source.File,
                    specs.First(s => s.Name == r.Name).Source.Line, "name", string.Join("; ", r.Problems))).ToList());
            await FollowAsync(node, names, onProgress, progressInterval, interruption);
        }
        finally
        {
            await node.DisposeAsync();
        }

        var final = specs.Select(s => Stored(store, s.Name)).ToList();
        onProgress(final);
        return new EmbeddedRunResult(final, Interrupted: !final.All(s => s.IsOver), Clean: final.All(s => s.Running == 0));
    }

    private static async Task FollowAsync(SweepsNode node, HashSet<string> names, Action<IReadOnlyList<SweepProgress>> onProgress,
        TimeSpan interval, CancellationToken interruption)
    {
        while (!interruption.IsCancellationRequested && !node.WhenTerminated.IsCompleted)
        {
            List<SweepProgress> mine;
            try
            {
                mine = (await node.ProgressAsync(interruption)).Sweeps.Where(s => names.Contains(s.Name)).ToList();
            }
            catch (Exception e) when (e is OperationCanceledException or Akka.Actor.AskTimeoutException && (interruption.IsCancellationRequested || node.WhenTerminated.IsCompleted))
            {
                return; // Ctrl-C stops the host too: the coordinator may already be gone, and the store has the final word
            }
            onProgress(mine);
            if (mine.All(s => s.IsOver)) return;
            try
            {
                await Task.Delay(interval, interruption);
            }
            catch (TaskCanceledException)
            {
                // interrupted: the node's shutdown hands back what runs
            }
        }
    }

    /// <summary>A sweep as the settled store has it, after the node stopped.</summary>
    private static SweepProgress Stored(ResultStore store, string name)
    {
        var summary = store.Summarize(store.FindSweep(name)!);
        return new SweepProgress(name, summary.Sweep.State, summary.Sweep.TotalTrials, summary.Completed, summary.Failed, summary.Running,
            summary.Done + summary.Running);
    }
}

/// <param name="Clean">True when every running trial was handed back and the store caught up with the journal.</param>
public sealed record EmbeddedRunResult(IReadOnlyList<SweepProgress> Sweeps, bool Interrupted, bool Clean);

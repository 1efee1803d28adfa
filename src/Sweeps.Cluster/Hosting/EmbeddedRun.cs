using Sweeps.Cluster.Messages;
using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;

namespace Sweeps.Cluster.Hosting;

/// <summary>
/// Runs sweeps to the end in this process: the coordinator, the results projection and a worker with N slots.
/// Interrupted, it cancels the running trials, hands them back, lets the journal and the store settle, and stops;
/// the same call again resumes where it stopped.
/// </summary>
public static class EmbeddedRun
{
    public static async Task<EmbeddedRunResult> RunAsync(
        SweepsNodeOptions options,
        JobRegistry jobs,
        IReadOnlyList<SweepSpec> specs,
        Action<IReadOnlyList<SweepProgress>> onProgress,
        TimeSpan progressInterval,
        CancellationToken interruption)
    {
        await using var node = await SweepsNode.StartAsync(options, jobs, CancellationToken.None);
        StoredSpecCheck.ThrowIfChanged(specs, node.Store!, jobs);
        var submitted = await node.SubmitAsync(specs);
        var refused = submitted.Sweeps.Where(s => !s.Accepted).ToList();
        if (refused.Count > 0)
            throw new SpecException(refused.Select(r => new SpecError(specs.First(s => s.Name == r.Name).Source.File,
                specs.First(s => s.Name == r.Name).Source.Line, "name", string.Join("; ", r.Problems))).ToList());

        var names = specs.Select(s => s.Name).ToHashSet();
        ProgressReport report;
        while (true)
        {
            report = await node.ProgressAsync();
            var mine = report.Sweeps.Where(s => names.Contains(s.Name)).ToList();
            onProgress(mine);
            if (mine.All(s => s.IsOver) || interruption.IsCancellationRequested) break;
            try
            {
                await Task.Delay(progressInterval, interruption);
            }
            catch (TaskCanceledException)
            {
                // interrupted: fall through to a clean stop
            }
        }

        var interrupted = !report.Sweeps.Where(s => names.Contains(s.Name)).All(s => s.IsOver);
        var workerStopped = await node.StopWorkerAsync(TimeSpan.FromSeconds(15));
        report = await node.ProgressAsync();
        var settled = await node.WaitForStoreAsync(report.JournalPosition, TimeSpan.FromSeconds(60));
        var final = report.Sweeps.Where(s => names.Contains(s.Name)).ToList();
        onProgress(final);
        return new EmbeddedRunResult(final, interrupted, workerStopped && settled);
    }
}

/// <param name="Clean">True when every running trial was handed back and the store caught up with the journal.</param>
public sealed record EmbeddedRunResult(IReadOnlyList<SweepProgress> Sweeps, bool Interrupted, bool Clean);

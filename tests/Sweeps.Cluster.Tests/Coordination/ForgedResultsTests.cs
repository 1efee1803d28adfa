using System.Text.Json;
using Akka.TestKit;
using Microsoft.Data.Sqlite;
using Sweeps.Cluster.Messages;
using Sweeps.Cluster.Tests.Support;
using Sweeps.Core.Lifecycle;
using Sweeps.Store;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>Another sender reports results for trials a real worker is running: every way it tries is refused.</summary>
public sealed class ForgedResultsTests(ITestOutputHelper output) : ClusterTestKit(TestStores.Create(TestStores.Sqlite), output)
{
    private const int Trials = 6;

    [Fact]
    public async Task Results_forged_by_another_sender_are_refused_and_the_real_worker_s_are_recorded_once()
    {
        var coordinator = StartCoordinator();
        var projection = StartProjection();
        // the trials outlast the forgeries, however slowly a loaded machine sends them
        await Submit(coordinator, Specs.Noop(trials: Trials, sleepMs: 15_000));
        StartWorker(coordinator, "worker", slots: Trials);
        await AwaitConditionAsync(async () => (await Progress(coordinator)).Running == Trials, Patience);
        var forger = CreateTestProbe();

        // Not introduced, then in the real worker's name, then introduced under its own name: refused each time.
        await ExpectWarning("no worker 'forger' has introduced itself", () => coordinator.Tell(new ReportOutcomes("forger", 1, Forged()), forger.Ref));
        forger.ExpectMsg<OutcomesRecorded>(r => r.Batch == 1);
        await ExpectWarning("worker 'worker' is another sender", () => coordinator.Tell(new ReportOutcomes("worker", 2, Forged()), forger.Ref));
        forger.ExpectMsg<OutcomesRecorded>(r => r.Batch == 2);
        await ExpectWarning("the name 'worker' belongs to a live worker", () =>
            coordinator.Tell(new WorkerHello("worker", WorkerHello.CurrentProtocol, WorkerHello.CurrentVersion), forger.Ref));
        Assert.Contains("belongs to a live worker", forger.ExpectMsg<WorkerNameInUse>().Reason);
        coordinator.Tell(new WorkerHello("forger", WorkerHello.CurrentProtocol, WorkerHello.CurrentVersion), forger.Ref);
        forger.ExpectMsg<WorkerWelcome>();
        await ExpectWarning("attempt 1 was handed to worker 'worker', not 'forger'", () =>
            coordinator.Tell(new ReportOutcomes("forger", 3, Forged()), forger.Ref));
        forger.ExpectMsg<OutcomesRecorded>(r => r.Batch == 3);
        coordinator.Tell(new ReturnTrials("forger", 4, Enumerable.Range(0, Trials).Select(i => new ReturnedTrial("noop-sweep", i, 1)).ToList()), forger.Ref);
        forger.ExpectMsg<OutcomesRecorded>(r => r.Batch == 4);
        Assert.Equal(((long)Trials, 0L), ((await Progress(coordinator)).Running, (await Progress(coordinator)).Done));

        var progress = await UntilOver(coordinator);
        await UntilStored(coordinator, projection);

        Assert.Equal((SweepState.Finished, (long)Trials, 0L), (progress.State, progress.Completed, progress.Failed));
        var rows = Store.ReadTrials("noop-sweep").ToList();
        Assert.Equal(Trials, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal((TrialStatus.Completed, 1, "worker"), (r.Status, r.Attempt, r.Worker));
            Assert.True(r.DurationMs > 0, $"trial {r.Index} took {r.DurationMs} ms");
            Assert.DoesNotContain(666.0, r.Metrics.Values);
        });
        Assert.Equal(Enumerable.Range(0, Trials).Select(i => ((long)i, 1)), FinishedCounts().OrderBy(c => c.Key).Select(c => (c.Key, c.Value)));
    }

    private static List<TrialOutcome> Forged() => Enumerable.Range(0, Trials)
        .Select(i => new TrialOutcome("noop-sweep", i, 1, true, new Dictionary<string, double> { ["value"] = 666 }, null, null, DateTime.UtcNow, DateTime.UtcNow))
        .ToList();

    private Task ExpectWarning(string fragment, Action send) =>
        EventFilter.Warning(contains: fragment).ExpectOneAsync(Patience, () =>
        {
            send();
            return Task.CompletedTask;
        });

    /// <summary>How many times each trial's outcome was journaled, read from the journal table itself.</summary>
    private Dictionary<long, int> FinishedCounts()
    {
        var counts = new Dictionary<long, int>();
        using var connection = new SqliteConnection(Location.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message FROM journal WHERE manifest = 'e.fin' AND deleted = false ORDER BY ordering";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            using var doc = JsonDocument.Parse((byte[])reader[0]);
            foreach (var outcome in doc.RootElement.GetProperty("Outcomes").EnumerateArray())
                counts[outcome.GetProperty("Index").GetInt64()] = counts.GetValueOrDefault(outcome.GetProperty("Index").GetInt64()) + 1;
        }
        return counts;
    }
}

using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cli.Tests;

/// <summary>
/// Two coordinators and workers as real processes on one PostgreSQL store, every node seeded with both coordinators:
/// worker churn never downs a coordinator, a coordinator restarted alone rejoins, and a cluster whose coordinators all
/// died re-forms when they come back, without anyone touching a node.
/// </summary>
public sealed class CoordinatorClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly string _folder = TestStores.NewFolder();
    private readonly List<SweepsProcess> _started = [];

    [NeedsPostgresBinariesFact]
    public void Workers_killed_and_restarted_24_times_never_down_a_coordinator_and_every_trial_is_recorded_once()
    {
        using var postgres = PrivatePostgres.Create();
        var nodes = new Nodes(postgres.ConnectionString);
        try
        {
            // Each kill costs the trials its worker held an attempt (a trial cannot be told from one that brought its
            // node down), and under load the same requeued trials can land on the next victim kill after kill (seen:
            // 3 in a row, so the default of 3 failed them). 24 kills cost a trial at most 24 losses: 25 fails none.
            var (active, standby) = StartCoordinators(nodes, "--max-attempts", "25");
            var marks = new[] { active, standby }.ToDictionary(c => c, c => c.Process.Mark());
            var workers = Enumerable.Range(1, 3).Select(i => StartWorker(nodes, $"w{i}")).ToArray();
            foreach (var worker in workers) worker.WaitForLog("welcomed by the coordinator", Patience);
            Submit(nodes, "churn", trials: 800, sleepMs: 400);

            // The churn itself is the point: 24 rounds, each killing one worker and starting it again at once under its
            // name (it is welcomed once the coordinator has let the killed one go). The next round comes when the new
            // worker is welcomed and the sweep has moved on, however long a loaded machine takes for either.
            for (var round = 0; round < 24; round++)
            {
                var victim = round % workers.Length;
                var before = Finished(nodes.Db, "churn");
                workers[victim].KillHard();
                workers[victim] = StartWorker(nodes, $"w{victim + 1}");
                workers[victim].WaitForLog("welcomed by the coordinator", Patience);
                Until(() => Finished(nodes.Db, "churn"), n => n >= Math.Min(800, before + 10), $"the sweep to move on after kill {round + 1}");
                Assert.False(active.Process.HasExited || standby.Process.HasExited, Logs());
            }

            Until(() => Finished(nodes.Db, "churn"), n => n == 800, "the sweep to finish after the churn");
            Assert.True(Completed(nodes.Db, "churn") == 800, Failures(nodes.Db, "churn") + Logs());
            foreach (var (coordinator, since) in marks)
            {
                Assert.False(coordinator.Process.HasExited, Logs());
                var lines = string.Join("\n", coordinator.Process.LinesSince(since));
                Assert.DoesNotContain("has been downed", lines);
                Assert.DoesNotContain("left its cluster", lines);
            }
            var coordinatorAddresses = new[] { $"127.0.0.1:{nodes.Port}", $"127.0.0.1:{nodes.StandbyPort}" };
            var downings = _started.SelectMany(p => (p.Errors + p.Output).Split('\n')).Where(l => l.Contains("Downing ")).ToList();
            Assert.DoesNotContain(downings, l => coordinatorAddresses.Any(a => l.Split('(')[0].Contains(a)));
            output.WriteLine($"{downings.Count} downing decisions, none of a coordinator");
            AssertRecordedOnce(nodes.Db, "churn", 800);
        }
        finally
        {
            foreach (var process in _started) process.Dispose();
        }
    }

    [NeedsPostgresBinariesFact]
    public void The_active_coordinator_killed_and_started_again_alone_rejoins_the_standby_s_cluster_and_the_sweep_goes_on()
    {
        using var postgres = PrivatePostgres.Create();
        var nodes = new Nodes(postgres.ConnectionString);
        try
        {
            var (active, standby) = StartCoordinators(nodes);
            StartWorker(nodes, "steady").WaitForLog("welcomed by the coordinator", Patience);
            Submit(nodes, "rejoin", trials: 200, sleepMs: 300);
            Until(() => Completed(nodes.Db, "rejoin"), n => n >= 10, "trials to finish before the kill");
            var since = standby.Process.Mark();
            active.Process.KillHard();
            standby.Process.WaitForLog("Recovered sweep rejoin", Patience);

            var restarted = StartCoordinator(nodes, active.Port, active.Http);
            restarted.WaitForLog($"joined the cluster of akka.tcp://sweeps@127.0.0.1:{standby.Port}", Patience);
            Assert.DoesNotContain("started a new cluster", restarted.Errors);
            Until(() => Completed(nodes.Db, "rejoin"), n => n == 200, "the sweep to finish");
            Assert.DoesNotContain(standby.Process.LinesSince(since), l => l.Contains("left its cluster"));
            AssertRecordedOnce(nodes.Db, "rejoin", 200);
        }
        finally
        {
            foreach (var process in _started) process.Dispose();
        }
    }

    [NeedsPostgresBinariesFact]
    public void Every_coordinator_killed_and_both_started_again_at_once_re_form_the_cluster_and_the_workers_rejoin_it()
    {
        using var postgres = PrivatePostgres.Create();
        var nodes = new Nodes(postgres.ConnectionString);
        try
        {
            var (active, standby) = StartCoordinators(nodes);
            var workers = new[] { StartWorker(nodes, "w1"), StartWorker(nodes, "w2") };
            foreach (var worker in workers) worker.WaitForLog("welcomed by the coordinator", Patience);
            Submit(nodes, "reform", trials: 200, sleepMs: 300);
            Until(() => Completed(nodes.Db, "reform"), n => n >= 10, "trials to finish before the kill");
            active.Process.KillHard();
            standby.Process.KillHard();

            // Started together, each may find the other not yet in a cluster: an island forms and must heal by itself.
            StartCoordinator(nodes, nodes.Port, nodes.Http);
            StartCoordinator(nodes, nodes.StandbyPort, nodes.StandbyHttp);
            Until(() => Completed(nodes.Db, "reform"), n => n == 200, "the sweep to finish after the coordinators came back");
            Assert.All(workers, w => Assert.Contains("joining again", w.Errors + w.Output));
            AssertRecordedOnce(nodes.Db, "reform", 200);
        }
        finally
        {
            foreach (var process in _started) process.Dispose();
        }
    }

    /// <summary>Ports and store of one test's cluster; every node lists both coordinators as seeds.</summary>
    private sealed record Nodes(string Db)
    {
        public int Port { get; } = FreePort.Next();
        public int StandbyPort { get; } = FreePort.Next();
        public int Http { get; } = FreePort.Next();
        public int StandbyHttp { get; } = FreePort.Next();
        public string[] Seeds => ["--seed", $"127.0.0.1:{Port}", "--seed", $"127.0.0.1:{StandbyPort}"];
        public string[] Servers => ["--server", $"http://127.0.0.1:{Http}", "--server", $"http://127.0.0.1:{StandbyHttp}"];
    }

    /// <summary>A coordinator process and the ports it was started on (to start it again on the same ones).</summary>
    private sealed record Coordinator(SweepsProcess Process, int Port, int Http);

    /// <summary>
    /// The first coordinator starts the cluster and the second joins it. On a loaded machine the second may not hear
    /// the first in time and start a cluster of its own; the island watch then sends one of them to join the other.
    /// Either way the one that did not have to join is the oldest, the active one.
    /// </summary>
    private (Coordinator Active, Coordinator Standby) StartCoordinators(Nodes nodes, params string[] options)
    {
        var first = new Coordinator(StartCoordinator(nodes, nodes.Port, nodes.Http, options), nodes.Port, nodes.Http);
        first.Process.WaitForLog("started a new cluster", Patience);
        var second = new Coordinator(StartCoordinator(nodes, nodes.StandbyPort, nodes.StandbyHttp, options), nodes.StandbyPort, nodes.StandbyHttp);
        var joiner = Eventually.Until(() => new[] { second, first }.FirstOrDefault(c => Alive(c.Process).Errors.Contains("joined the cluster")),
            c => c is not null, c => c?.Port.ToString() ?? "", Patience, () => $"one coordinator to join the other\n{Logs()}")!;
        var (active, standby) = joiner == second ? (first, second) : (second, first);
        active.Process.WaitForLog("HTTP API listening", Patience);
        return (active, standby);
    }

    /// <summary>A coordinator that exited (its store did not answer in time, say) fails the wait at once, with every log.</summary>
    private SweepsProcess Alive(SweepsProcess process)
    {
        Assert.False(process.HasExited, $"a coordinator exited\n{Logs()}");
        return process;
    }

    private SweepsProcess StartCoordinator(Nodes nodes, int port, int http, params string[] options) =>
        Track(SweepsProcess.Start(_folder, ["coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", nodes.Db, .. nodes.Seeds, .. options]));

    private SweepsProcess StartWorker(Nodes nodes, string name) =>
        Track(SweepsProcess.Start(_folder, ["worker", "--slots", "2", "--name", name, .. nodes.Seeds]));

    private SweepsProcess Track(SweepsProcess process)
    {
        _started.Add(process);
        return process;
    }

    private void Submit(Nodes nodes, string name, int trials, int sleepMs)
    {
        var spec = Files.Write(_folder, $"{name}.yaml", SpecFiles.Noop(name: name, trials: trials, sleepMs: sleepMs));
        var (code, submitted, errors) = SweepsProcess.Run(_folder, ["submit", spec, .. nodes.Servers]);
        Assert.True(code == 0, submitted + errors + Logs());
    }

    private static void AssertRecordedOnce(string db, string sweep, int trials)
    {
        var journaled = Journal.FinishedCounts(db, sweep);
        Assert.Equal(trials, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
    }

    private static long Completed(string db, string sweep) => Count(db, $"SELECT COUNT(*) FROM trials WHERE sweep = '{sweep}' AND status = 'completed'");

    /// <summary>Completed or failed: a failed trial ends the wait at once instead of leaving it to wait for the impossible.</summary>
    private static long Finished(string db, string sweep) => Count(db, $"SELECT COUNT(*) FROM trials WHERE sweep = '{sweep}' AND status IN ('completed', 'failed')");

    private static string Failures(string db, string sweep) =>
        string.Join("\n", Files.Query(db, $"SELECT trial_index, error FROM trials WHERE sweep = '{sweep}' AND status = 'failed'").Select(r => $"trial {r[0]} failed: {r[1]}")) + "\n";

    private static long Count(string db, string sql)
    {
        try
        {
            return Files.Count(db, sql);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException || e.Message.Contains("does not exist"))
        {
            return 0;
        }
    }

    private string Logs() => string.Join("\n", _started.Select((p, i) => $"--- node {i} (pid {p.Id}):\n{p.Errors}"));

    /// <summary>Fails only when the count has not moved for <see cref="Patience"/>: a loaded machine is slow, not stuck.</summary>
    private void Until(Func<long> read, Func<long, bool> done, string what) =>
        Eventually.Until(read, done, n => n.ToString(), Patience, () => $"{what}\n{Logs()}");
}

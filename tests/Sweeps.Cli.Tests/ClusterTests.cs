using System.Diagnostics;
using Sweeps.Cli.Tests.Support;
using Sweeps.Store;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cli.Tests;

/// <summary>A coordinator and workers as separate real processes on 127.0.0.1, killed for real.</summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    private readonly string _folder = TestStores.NewFolder();

    [Theory, MemberData(nameof(Kinds))]
    public void A_worker_killed_mid_trial_has_its_trials_running_elsewhere_within_seconds_and_each_recorded_once(string kind)
    {
        var location = TestStores.Create(kind, _folder);
        var db = location.Provider == StoreProvider.Sqlite ? location.Display : location.ConnectionString;
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: 40, sleepMs: 1500));
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var doomed = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "doomed");
        using var survivor = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "survivor");
        WaitUntilWelcomed(doomed, survivor);
        WaitUntilReady(coordinator);
        var (code, submitted, errors) = SweepsProcess.Run(_folder, "submit", spec, "--server", Server(http));
        Assert.True(code == 0, submitted + errors + coordinator.Errors);

        Until(() => Indexes(db, "worker = 'doomed' AND status = 'running'"), s => s.Count >= 2, coordinator);
        var since = coordinator.Mark();
        doomed.KillHard();
        var clock = Stopwatch.StartNew();
        var held = HeldWhenLost(db, coordinator, "doomed", since);
        Assert.NotEmpty(held);
        Until(() => Indexes(db, "worker = 'survivor'"), s => held.IsSubsetOf(s), coordinator);
        output.WriteLine($"trials of the killed worker running elsewhere after {clock.Elapsed.TotalSeconds:0.0} s");

        Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 40, coordinator);
        var journaled = Journal.FinishedCounts(db, "cluster");
        Assert.Equal(40, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
        Assert.All(held, i => Assert.True(Files.Count(db, $"SELECT attempt FROM trials WHERE sweep = 'cluster' AND trial_index = {i}") >= 2));
    }

    [Fact]
    public void A_coordinator_killed_mid_sweep_and_started_again_recovers_and_every_trial_is_recorded_once()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var (port, http) = (FreePort.Next(), FreePort.Next());
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: 60, sleepMs: 300));
        using var first = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var worker = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "steady");
        WaitUntilReady(first);
        Succeeds(SweepsProcess.Run(_folder, "submit", spec, "--server", Server(http)));
        Until(() => Indexes(db, "status = 'completed'"), s => s.Count >= 8, first);
        first.KillHard();
        var doneAtKill = Indexes(db, "status = 'completed'");
        Assert.InRange(doneAtKill.Count, 8, 59);

        using var second = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 60, second);
        Assert.Contains("Recovered sweep cluster", second.Errors);
        var journaled = Journal.FinishedCounts(db, "cluster");
        Assert.Equal(60, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
    }

    [Fact]
    public void When_the_coordinator_dies_the_standby_takes_over_and_every_trial_is_recorded_once()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var (port, standbyPort, http, standbyHttp) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var seeds = new[] { "--seed", $"127.0.0.1:{port}", "--seed", $"127.0.0.1:{standbyPort}" };
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: 80, sleepMs: 300));
        using var first = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        // The first must be up before the standby starts, so that it is the oldest and holds the singleton.
        first.WaitForLog("started a new cluster", TimeSpan.FromSeconds(60));
        using var standby = SweepsProcess.Start(_folder, ["coordinator", "--port", standbyPort.ToString(), "--http-port", standbyHttp.ToString(), "--db", db, .. seeds]);
        using var worker = SweepsProcess.Start(_folder, ["worker", "--slots", "2", "--name", "steady", .. seeds]);
        WaitUntilReady(first);
        Succeeds(SweepsProcess.Run(_folder, "submit", spec, "--server", Server(http), "--server", Server(standbyHttp)));
        Until(() => Indexes(db, "status = 'completed'"), s => s.Count >= 8, first);
        first.KillHard();

        Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 80, standby);
        Assert.Contains("Recovered sweep cluster", standby.Errors);
        var journaled = Journal.FinishedCounts(db, "cluster");
        Assert.Equal(80, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
    }

    [Fact]
    public void Submit_wait_keeps_following_when_the_first_listed_coordinator_dies_and_the_standby_takes_over()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var (port, standbyPort, http, standbyHttp) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        var seeds = new[] { "--seed", $"127.0.0.1:{port}", "--seed", $"127.0.0.1:{standbyPort}" };
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: 80, sleepMs: 300));
        var first = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        try
        {
            first.WaitForLog("Coordinator node listening", TimeSpan.FromSeconds(60));
            using var standby = SweepsProcess.Start(_folder, ["coordinator", "--port", standbyPort.ToString(), "--http-port", standbyHttp.ToString(), "--db", db, .. seeds]);
            using var worker = SweepsProcess.Start(_folder, ["worker", "--slots", "2", "--name", "steady", .. seeds]);
            WaitUntilWelcomed(worker);
            using var client = SweepsProcess.Start(_folder, "submit", spec, "--wait", "--server", Server(http), "--server", Server(standbyHttp));
            client.WaitForLog("submitted", TimeSpan.FromSeconds(60));
            Until(() => Indexes(db, "status = 'completed'"), s => s.Count >= 8, first);
            first.KillHard();

            var code = client.WaitForExit(TimeSpan.FromMinutes(3));
            Assert.True(code == 0, client.Output + client.Errors + standby.Errors);
            Assert.Contains("Recovered sweep cluster", standby.Errors);
            Assert.Contains("finished", client.Output);
            Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 80, standby);
            Assert.DoesNotContain("Akka", client.Output);
        }
        finally
        {
            first.Dispose();
        }
    }

    [Fact]
    public void A_stuck_trial_loses_its_lease_runs_again_and_after_too_many_tries_fails_with_the_reason()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var port = FreePort.Next();
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "stuck.yaml", """
            name: cluster
            job: noop
            sampler: grid
            replicates: 3
            parameters:
              hang: [false, true]
              sleep_ms: 100
            """);
        var http = FreePort.Next();
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db, "--lease-seconds", "2", "--max-attempts", "2");
        using var worker = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--trial-timeout", "1", "--name", "patient");
        WaitUntilReady(coordinator);
        Succeeds(SweepsProcess.Run(_folder, "submit", spec, "--server", Server(http)));

        Until(() => Indexes(db, "status IN ('completed', 'failed')"), s => s.Count == 6, coordinator);
        var rows = Files.Query(db, "SELECT trial_index, status, attempt, error FROM trials WHERE sweep = 'cluster' ORDER BY trial_index");
        Assert.Equal(["completed", "completed", "completed", "failed", "failed", "failed"], rows.Select(r => (string)r[1]!));
        Assert.All(rows.Skip(3), r => Assert.Equal(2L, r[2]));
        Assert.All(rows.Skip(3), r => Assert.StartsWith("gave up after losing its worker 2 times; last: lease expired", (string)r[3]!));
        Assert.Contains("giving up on it here", worker.Errors);
        Assert.All(Journal.FinishedCounts(db, "cluster"), p => Assert.Equal(1, p.Value));
    }

    /// <summary>SQLite: another writer holds the file for a while. PostgreSQL: a server of the test's own is stopped and started.</summary>
    public static TheoryData<string> Outages()
    {
        var kinds = new TheoryData<string> { TestStores.Sqlite };
        if (PrivatePostgres.Binaries is not null) kinds.Add(TestStores.Postgres);
        return kinds;
    }

    [Theory, MemberData(nameof(Outages))]
    public void The_database_unavailable_for_a_while_loses_nothing_and_the_sweep_completes(string kind)
    {
        using var postgres = kind == TestStores.Postgres ? PrivatePostgres.Create() : null;
        var db = postgres?.ConnectionString ?? Path.Combine(_folder, "sweeps.db");
        var port = FreePort.Next();
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: 60, sleepMs: 200));
        var http = FreePort.Next();
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var worker = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2", "--name", "steady");
        WaitUntilReady(coordinator);
        Succeeds(SweepsProcess.Run(_folder, "submit", spec, "--server", Server(http)));
        Until(() => Indexes(db, "status = 'completed'"), s => s.Count >= 10, coordinator);

        // The outage lasts until the coordinator has found the store unavailable and said so, however long that takes.
        var since = coordinator.Mark();
        if (postgres is not null)
        {
            postgres.Stop();
            WaitUntilStoreFailureLogged(coordinator, since);
            postgres.Start();
        }
        else
        {
            using var blocker = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
            blocker.Open();
            using var exclusive = blocker.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            exclusive.ExecuteNonQuery();
            WaitUntilStoreFailureLogged(coordinator, since);
        }

        Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 60, coordinator);
        var journaled = Journal.FinishedCounts(db, "cluster");
        Assert.Equal(60, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
    }

    [NeedsRootAndPostgresFact]
    public void A_partitioned_worker_is_downed_its_trials_run_elsewhere_and_nothing_is_recorded_twice()
    {
        using var postgres = PrivatePostgres.Create();
        using var network = TestNetwork.Create();
        var db = postgres.ConnectionString;
        var port = FreePort.Next();
        var seed = $"{network.HostAddress}:{port}";
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: 60, sleepMs: 1000));
        var http = FreePort.Next();
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--host", network.HostAddress, "--insecure", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var inside = SweepsProcess.StartIn(network.Namespace, _folder, "worker", "--host", network.InsideAddress, "--insecure", "--seed", seed, "--slots", "2", "--name", "inside");
        using var outside = SweepsProcess.Start(_folder, "worker", "--host", network.HostAddress, "--insecure", "--seed", seed, "--slots", "2", "--name", "outside");
        WaitUntilWelcomed(inside, outside);
        WaitUntilReady(coordinator);
        Succeeds(SweepsProcess.Run(_folder, "submit", spec, "--server", $"http://{network.HostAddress}:{http}"));

        Until(() => Indexes(db, "worker = 'inside' AND status = 'running'"), s => s.Count >= 2, coordinator);
        var (since, outsideSince) = (coordinator.Mark(), outside.Mark());
        network.Partition();
        var held = HeldWhenLost(db, coordinator, "inside", since);
        Assert.NotEmpty(held);
        Until(() => Indexes(db, "worker = 'outside'"), s => held.IsSubsetOf(s), coordinator);
        // The link stays cut until the resolver has downed the inside worker's node (the side without a coordinator).
        WaitForDowning($"@{network.InsideAddress}:", (coordinator, since), (outside, outsideSince));
        network.Heal();

        Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 60, coordinator);
        Assert.Contains("lost (its node became unreachable)", coordinator.Errors);
        var journaled = Journal.FinishedCounts(db, "cluster");
        Assert.Equal(60, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
        Assert.Contains("joining again", inside.Errors + inside.Output);
    }

    [Fact]
    public void With_mutual_tls_nodes_with_the_cluster_s_certificates_work_and_a_node_without_them_cannot_join()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var port = FreePort.Next();
        var seed = $"127.0.0.1:{port}";
        var cluster = new TestCertificates(_folder, "cluster");
        var stranger = new TestCertificates(_folder, "stranger");
        string[] Tls(string certificate) => ["--tls-certificate", certificate, "--tls-password", TestCertificates.Password, "--tls-ca", cluster.CaPath];
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: 30, sleepMs: 100));

        var http = FreePort.Next();
        using var coordinator = SweepsProcess.Start(_folder, ["coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db, .. Tls(cluster.IssueNode("coordinator"))]);
        using var intruder = SweepsProcess.Start(_folder, ["worker", "--seed", seed, "--slots", "2", "--name", "intruder", .. Tls(stranger.IssueNode("intruder"))]);
        using var member = SweepsProcess.Start(_folder, ["worker", "--seed", seed, "--slots", "2", "--name", "member", .. Tls(cluster.IssueNode("member"))]);
        // A client without a certificate is refused by the API; with the cluster's client certificate it is let in.
        WaitUntilReady(coordinator);
        var (code, output, errors) = SweepsProcess.Run(_folder, "submit", spec, "--server", $"https://127.0.0.1:{http}", "--tls-ca", cluster.CaPath);
        Assert.Equal(4, code);
        Assert.Contains("this API needs a client certificate signed by the cluster's CA", errors);
        (code, output, errors) = SweepsProcess.Run(_folder, ["submit", spec, "--server", $"https://127.0.0.1:{http}", .. Tls(cluster.IssueNode("client"))]);
        Assert.True(code == 0, output + errors + coordinator.Errors);

        // A tool without a certificate uses a token that a certificate holder asked for; a wrong token is refused.
        (code, output, errors) = SweepsProcess.Run(_folder, ["token", "create", "--server", $"https://127.0.0.1:{http}", .. Tls(cluster.IssueNode("operator"))]);
        Assert.True(code == 0, output + errors);
        var token = output.Trim();
        Assert.Matches("^swt_[A-Za-z0-9_-]{43}$", token);
        (code, output, errors) = SweepsProcess.Run(_folder, "submit", spec, "--server", $"https://127.0.0.1:{http}", "--tls-ca", cluster.CaPath, "--token", token);
        Assert.True(code == 0, output + errors);
        Assert.Contains("already submitted (same spec)", output);
        (code, _, errors) = SweepsProcess.Run(_folder, "submit", spec, "--server", $"https://127.0.0.1:{http}", "--tls-ca", cluster.CaPath, "--token", "swt_guessed");
        Assert.Equal(4, code);
        Assert.Contains("the bearer token is not one this cluster issued", errors);

        Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 30, coordinator);
        Assert.Equal(30, Files.Count(db, "SELECT COUNT(*) FROM trials WHERE worker = 'member'"));
        // The intruder keeps trying to join; wait for the coordinator to have refused it at least once.
        coordinator.WaitForLog("is not signed by this cluster's CA", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("welcomed", intruder.Errors + intruder.Output);
    }

    [Fact]
    public void A_worker_of_another_sweep_cluster_is_refused_with_a_clear_message_and_exits()
    {
        var port = FreePort.Next();
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", "0", "--cluster", "lab-a");
        var (code, output, errors) = SweepsProcess.Run(_folder, "worker", "--seed", $"127.0.0.1:{port}", "--cluster", "lab-b", "--name", "stray");
        Assert.Equal(4, code);
        Assert.Contains("worker stray refused: it belongs to sweep cluster 'lab-b', this is 'lab-a'", output + errors);
    }

    [Fact]
    public void Pause_resume_and_cancel_steer_sweeps_across_the_cluster()
    {
        var db = Path.Combine(_folder, "sweeps.db");
        var port = FreePort.Next();
        var seed = $"127.0.0.1:{port}";
        var spec = Files.Write(_folder, "two.yaml", $"""
            sweeps:
              - name: cluster
                job: noop
                sampler: random
                trials: 300
                parameters: {"{"}sleep_ms: 100{"}"}
              - name: doomed
                job: noop
                sampler: random
                trials: 400
                parameters: {"{"}sleep_ms: 100{"}"}
            """);
        var http = FreePort.Next();
        var server = new[] { "--server", Server(http) };
        using var coordinator = SweepsProcess.Start(_folder, "coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db);
        using var worker = SweepsProcess.Start(_folder, "worker", "--seed", seed, "--slots", "2");
        WaitUntilReady(coordinator);
        Succeeds(SweepsProcess.Run(_folder, ["submit", spec, .. server]));
        var (code, output, _) = SweepsProcess.Run(_folder, ["cancel", "doomed", .. server]);
        Assert.Equal((0, true), (code, output.Contains("sweep 'doomed' is now cancelled")));

        Until(() => Indexes(db, "status = 'completed'"), s => s.Count >= 5, coordinator);
        (code, output, _) = SweepsProcess.Run(_folder, ["pause", "cluster", .. server]);
        Assert.Equal((0, true), (code, output.Contains("sweep 'cluster' is now paused")));
        // Paused: what was running finishes and nothing new starts; the journal shows whether anything was handed out.
        Eventually.Until(() => (State: Files.Query(db, "SELECT state FROM sweeps WHERE name = 'cluster'").Single()[0], Running: Indexes(db, "status = 'running'").Count),
            s => s is { State: "paused", Running: 0 }, s => s.ToString(), TimeSpan.FromMinutes(2), () => $"the pause; coordinator log:\n{coordinator.Errors}");
        Assert.InRange(Indexes(db, "status = 'completed'").Count, 5, 299);

        Succeeds(SweepsProcess.Run(_folder, ["resume", "cluster", .. server]));
        Until(() => Indexes(db, "status = 'completed'"), s => s.Count == 300, coordinator);
        Assert.Equal(0, Journal.DispatchedWhilePaused(db, "cluster"));
        Assert.Equal("cancelled", Files.Query(db, "SELECT state FROM sweeps WHERE name = 'doomed'").Single()[0]);
        Assert.True(Files.Count(db, "SELECT COUNT(*) FROM trials WHERE sweep = 'doomed' AND status = 'completed'") < 400);
        (code, _, var errors) = SweepsProcess.Run(_folder, ["resume", "doomed", .. server]);
        Assert.Equal(4, code);
        Assert.Contains("sweep 'doomed' is cancelled; it cannot be changed any more", errors);
    }

    private static string Server(int httpPort) => $"http://127.0.0.1:{httpPort}";

    private static void Succeeds((int ExitCode, string Output, string Errors) run) => Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Errors}");

    /// <summary>Its API listens and its coordinator holds the lease (and so runs): a submission now finds it.</summary>
    private static void WaitUntilReady(SweepsProcess coordinator)
    {
        coordinator.WaitForLog("HTTP API listening", TimeSpan.FromSeconds(60));
        coordinator.WaitForLog("Acquired the coordinator lease", TimeSpan.FromSeconds(60));
    }

    /// <summary>A worker started before its coordinator listens joins a little later; tests that count on it wait.</summary>
    private static void WaitUntilWelcomed(params SweepsProcess[] workers)
    {
        foreach (var worker in workers) worker.WaitForLog("welcomed by the coordinator", TimeSpan.FromSeconds(60));
    }

    private static HashSet<long> Indexes(string db, string where)
    {
        try
        {
            return Files.Query(db, $"SELECT trial_index FROM trials WHERE sweep = 'cluster' AND {where}").Select(r => Convert.ToInt64(r[0])).ToHashSet();
        }
        catch (Exception e) when (e.Message.Contains("no such table") || e.Message.Contains("does not exist") || e is Npgsql.NpgsqlException)
        {
            return [];
        }
    }

    /// <summary>
    /// What a worker cut off held, from the journal: the trials the coordinator took back when it gave the worker up
    /// (a store read at the cut lags on a loaded machine and shows trials already finished as running).
    /// </summary>
    private static HashSet<long> HeldWhenLost(string db, SweepsProcess coordinator, string worker, LogMark since)
    {
        // Given up because its node went unreachable or its actor stopped (seconds), not because its leases ran out.
        coordinator.WaitForLine(l => l.Contains($"Worker {worker} lost") || l.Contains($"Worker {worker} ("), since, TimeSpan.FromMinutes(2),
            $"that worker {worker} is lost");
        return Eventually.Until(() => Journal.LostWith(db, "cluster", worker), s => s.Count > 0, s => s.Count.ToString(), TimeSpan.FromMinutes(1),
            () => $"the journal to record what {worker} held; coordinator log:\n{coordinator.Errors}");
    }

    /// <summary>The leader of the coordinator's side decides; it is whichever member has the lowest address there.</summary>
    private static void WaitForDowning(string address, params (SweepsProcess Node, LogMark Since)[] side)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!side.Any(n => n.Node.LinesSince(n.Since).Any(l => l.Contains("Downing ") && l.Split('(')[0].Contains(address))))
        {
            Assert.True(DateTime.UtcNow < deadline, $"nobody downed {address}; coordinator log:\n{side[0].Node.Errors}");
            Thread.Sleep(100);
        }
    }

    private static void WaitUntilStoreFailureLogged(SweepsProcess coordinator, LogMark since)
    {
        string[] failures = ["could not be written", "Writing results to", "Could not renew the coordinator lease", "Lost the coordinator lease"];
        coordinator.WaitForLine(l => failures.Any(l.Contains), since, TimeSpan.FromMinutes(3), "that the store is unavailable");
    }

    /// <summary>Waits for the store to show a state; fails only if the trials stop changing for four minutes.</summary>
    private static HashSet<long> Until(Func<HashSet<long>> read, Func<HashSet<long>, bool> done, SweepsProcess coordinator) =>
        Eventually.Until(read, done, s => string.Join(",", s.Order()), TimeSpan.FromMinutes(4), () => $"the store; coordinator log:\n{coordinator.Errors}");
}

using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;
using Xunit.Abstractions;

namespace Sweeps.Cli.Tests;

/// <summary>
/// One writer, always: two coordinators on PostgreSQL as real processes, killed and restarted as the README starts
/// them. Only the holder of the coordinator lease in the store recovers or writes the journal.
/// </summary>
public sealed class CoordinatorLeaseTests(ITestOutputHelper output) : IDisposable
{
    // Guards against a hang only: every wait below ends on a state or a log line.
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(3);
    private const string Acquired = "Acquired the coordinator lease";

    private readonly string _folder = TestStores.NewFolder();
    private readonly PrivatePostgres? _server = TestStores.PostgresServer is null ? PrivatePostgres.Create() : null;
    private readonly List<SweepsProcess> _processes = [];

    private string Db => _server?.ConnectionString ?? TestStores.NewPostgresDatabase();

    /// <param name="alone">Restarted seeded only to itself (as the README once said): an island cluster for certain.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_killed_coordinator_restarted_while_the_standby_is_active_writes_nothing_and_the_sweep_finishes_once(bool alone)
    {
        var (db, port, standbyPort, http, standbyHttp, coordinator, _, first, standby) = MidSweep(trials: 240);
        first.KillHard();
        standby.WaitForLog(Acquired, Hang);
        standby.WaitForLog("Recovered sweep cluster", Hang);
        var restarted = Start(alone ? ["coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db, "--seed", $"127.0.0.1:{port}"] : coordinator);
        // It either joins the live cluster (and stays a standby) or forms an island whose singleton waits for the lease.
        Until(() => Waits(restarted) || Healthy(http), ok => ok, restarted);
        output.WriteLine(Waits(restarted) ? "the restarted coordinator waits for the lease" : "the restarted coordinator joined as a standby");

        var (code, paused, errors) = SweepsProcess.Run(_folder, "pause", "cluster", "--server", Server(standbyHttp));
        Assert.True(code == 0 && paused.Contains("sweep 'cluster' is now paused"), paused + errors + standby.Errors);
        Until(() => State(db), s => s == "paused", standby);
        // As the README sets SWEEPS_SERVER: both coordinators, the restarted one first.
        (code, var resumed, errors) = SweepsProcess.Run(_folder, "resume", "cluster", "--server", Server(http), "--server", Server(standbyHttp));
        Assert.True(code == 0, resumed + errors + standby.Errors);
        Until(() => Completed(db), n => n == 240, standby);

        AssertRecordedOnce(db, 240);
        if (alone) Assert.Matches($"Waiting for the coordinator lease .*: it is held by \\S*127.0.0.1:{standbyPort};", restarted.Errors);
        Assert.DoesNotContain(Acquired, restarted.Errors + restarted.Output);
        Assert.DoesNotContain("Recovered sweep", restarted.Errors + restarted.Output);
        AssertNoSecondWriter();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Both_coordinators_killed_and_restarted_in_either_order_finish_the_sweep_unattended(bool standbyFirst)
    {
        var (db, _, _, _, _, firstArgs, standbyArgs, first, standby) = MidSweep(trials: 80);
        first.KillHard();
        standby.WaitForLog(Acquired, Hang);
        Until(() => Completed(db), n => n >= 16, standby);
        standby.KillHard();

        var again = standbyFirst ? new[] { Start(standbyArgs), Start(firstArgs) } : [Start(firstArgs), Start(standbyArgs)];
        Until(() => Completed(db), n => n == 80, again[0]);

        AssertRecordedOnce(db, 80);
        Assert.Contains(again, p => (p.Errors + p.Output).Contains(Acquired));
        AssertNoSecondWriter();
    }

    /// <summary>The two coordinators' command lines and processes, with the first holding the lease.</summary>
    private sealed record Coordinators(
        string Db, int Port, int StandbyPort, int Http, int StandbyHttp, string[] FirstArgs, string[] StandbyArgs, SweepsProcess First, SweepsProcess Standby);

    /// <summary>Two coordinators on one store and a worker, with a sweep of slow trials submitted and 8 of them done.</summary>
    private Coordinators MidSweep(int trials)
    {
        var db = Db;
        var (port, standbyPort, http, standbyHttp) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        string[] seeds = ["--seed", $"127.0.0.1:{port}", "--seed", $"127.0.0.1:{standbyPort}"];
        string[] firstArgs = ["coordinator", "--port", port.ToString(), "--http-port", http.ToString(), "--db", db, .. seeds];
        string[] standbyArgs = ["coordinator", "--port", standbyPort.ToString(), "--http-port", standbyHttp.ToString(), "--db", db, .. seeds];
        var spec = Files.Write(_folder, "slow.yaml", SpecFiles.Noop(name: "cluster", trials: trials, sleepMs: 300));
        var first = Start(firstArgs);
        first.WaitForLog(Acquired, Hang);
        var standby = Start(standbyArgs);
        var worker = Start(["worker", "--slots", "2", "--name", "steady", .. seeds]);
        worker.WaitForLog("welcomed by the coordinator", Hang);
        Assert.Equal(0, SweepsProcess.Run(_folder, "submit", spec, "--server", Server(http), "--server", Server(standbyHttp)).ExitCode);
        Until(() => Completed(db), n => n >= 8, first);
        return new Coordinators(db, port, standbyPort, http, standbyHttp, firstArgs, standbyArgs, first, standby);
    }

    private SweepsProcess Start(string[] args)
    {
        var process = SweepsProcess.Start(_folder, args);
        _processes.Add(process);
        return process;
    }

    private static string Server(int httpPort) => $"http://127.0.0.1:{httpPort}";

    private static bool Waits(SweepsProcess coordinator) => coordinator.Errors.Contains("Waiting for the coordinator lease");

    /// <summary>A node's API reaches a coordinator: it is a member of the live cluster (a node of an island would find none).</summary>
    private static bool Healthy(int httpPort)
    {
        using var client = new HttpClient();
        try
        {
            return client.GetAsync($"{Server(httpPort)}/api/v1/health").Result.IsSuccessStatusCode;
        }
        catch (AggregateException e) when (e.InnerException is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static long Completed(string db) => Quietly(() => Files.Count(db, "SELECT COUNT(*) FROM trials WHERE sweep = 'cluster' AND status = 'completed'"), 0L);

    private static string State(string db) => Quietly(() => (string?)Files.Query(db, "SELECT state FROM sweeps WHERE name = 'cluster'").SingleOrDefault()?[0] ?? "", "");

    private static T Quietly<T>(Func<T> read, T otherwise)
    {
        try
        {
            return read();
        }
        catch (Npgsql.NpgsqlException)
        {
            return otherwise; // the tables are made by the coordinator's first start
        }
    }

    private static void AssertRecordedOnce(string db, int trials)
    {
        var journaled = Journal.FinishedCounts(db, "cluster");
        Assert.Equal(trials, journaled.Count);
        Assert.All(journaled, p => Assert.True(p.Value == 1, $"trial {p.Key} was recorded {p.Value} times"));
    }

    /// <summary>The journal's unique key never had to stop a second writer.</summary>
    private void AssertNoSecondWriter()
    {
        foreach (var process in _processes)
        {
            var log = process.Errors + process.Output;
            Assert.False(log.Contains("23505") || log.Contains("duplicate key"), log);
        }
    }

    /// <summary>A count that keeps moving is waited for however slow the machine; a state that never changes fails after <see cref="Hang"/>.</summary>
    private static void Until<T>(Func<T> read, Func<T, bool> done, SweepsProcess watched) =>
        Eventually.Until(read, done, v => v?.ToString() ?? "", Hang, () => $"a state; log of the process watched:\n{watched.Errors}");

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        _server?.Dispose();
    }
}

using System.Data.Common;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sweeps.Cluster.Coordination;
using Sweeps.Store;
using Sweeps.TestSupport;

namespace Sweeps.Cluster.Tests.Coordination;

/// <summary>The coordinator lease on a real store: one holder at a time, freed by release or by expiry, and given up by a holder that cannot renew before anyone else can take it.</summary>
public sealed class StoreLeaseTests : IDisposable
{
    private const string Name = "sweeps-test-lease";
    // A holder counts on its lease for two thirds of the timeout: 6 s leaves 2 s for a timer a loaded machine fires late.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(6);
    private readonly List<ActorSystem> _systems = [];

    public static TheoryData<string> Kinds() => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_second_holder_is_refused_until_the_first_releases(string kind)
    {
        var store = TestStores.Create(kind);
        var first = LeaseFor(store, "127.0.0.1:4053");
        var second = LeaseFor(store, "127.0.0.1:4054");

        Assert.True(await first.Acquire());
        Assert.True(first.CheckLease());
        Assert.False(await second.Acquire());
        Assert.False(second.CheckLease());
        Assert.Equal("127.0.0.1:4053", ((StoreLease)second).CurrentHolder()?.Owner);

        Assert.True(await first.Release());
        Assert.False(first.CheckLease());
        Assert.True(await second.Acquire());
        Assert.True(((StoreLease)second).Fencing > 1);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_holder_that_renews_keeps_its_lease_past_the_timeout(string kind)
    {
        var store = TestStores.Create(kind);
        var first = LeaseFor(store, "127.0.0.1:4053");
        var second = LeaseFor(store, "127.0.0.1:4054");
        Assert.True(await first.Acquire());
        var fencing = ((StoreLease)first).Fencing;

        // Three timeouts of renewals: the row never expires under a live holder.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Timeout * 3)
        {
            Assert.False(await second.Acquire());
            Assert.True(first.CheckLease());
            await Task.Delay(Interval);
        }
        Assert.Equal(fencing, ((StoreLease)first).Fencing);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_killed_holders_lease_expires_and_the_next_takes_it_with_a_higher_fencing_number(string kind)
    {
        var store = TestStores.Create(kind);
        // A holder that took the row and was SIGKILLed: nobody renews it.
        var killed = new LeaseTable(store).TryAcquire(Name, "127.0.0.1:4053", "killed process", Timeout);
        Assert.NotNull(killed);
        var next = LeaseFor(store, "127.0.0.1:4054");

        Assert.False(await next.Acquire());
        while (!await next.Acquire()) await Task.Delay(Interval);

        Assert.True(next.CheckLease());
        Assert.True(((StoreLease)next).Fencing > killed);
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_holder_whose_row_was_taken_is_told_it_lost_the_lease(string kind)
    {
        var store = TestStores.Create(kind);
        var first = LeaseFor(store, "127.0.0.1:4053");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await first.Acquire(e => lost.TrySetResult(e)));

        using (var connection = Open(store))
            Execute(connection, $"UPDATE sweeps_leases SET holder = 'another process', fencing = fencing + 1 WHERE name = '{Name}'");

        var reason = await lost.Task;
        Assert.Contains("another node holds it", reason.Message);
        Assert.False(first.CheckLease());
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_holder_cut_off_from_the_store_gives_up_before_its_row_expires(string kind)
    {
        var store = TestStores.Create(kind);
        var first = LeaseFor(store, "127.0.0.1:4053");
        var lost = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(await first.Acquire(e => lost.TrySetResult(e)));

        // Another transaction holds the row: renewals wait on it as they would on a store that does not answer.
        using var blocker = Open(store);
        using var transaction = blocker.BeginTransaction();
        Execute(blocker, kind == TestStores.Sqlite
            ? $"UPDATE sweeps_leases SET owner = owner WHERE name = '{Name}'"
            : $"SELECT 1 FROM sweeps_leases WHERE name = '{Name}' FOR UPDATE");

        var reason = await lost.Task;
        Assert.False(first.CheckLease());
        Assert.Contains("no renewal reached the store", reason.Message);
        // The holder stopped while its row was still unexpired: nobody else could have taken it yet.
        Assert.True(Scalar(blocker, $"SELECT expires_at - {Now(kind)} FROM sweeps_leases WHERE name = '{Name}'") > 0);
        transaction.Rollback();
    }

    [Fact]
    public void Settings_that_leave_no_room_for_a_failed_renewal_are_refused()
    {
        var store = TestStores.Create(TestStores.Sqlite);
        var option = new StoreLeaseOption(store) { HeartbeatInterval = TimeSpan.FromSeconds(1.2), HeartbeatTimeout = TimeSpan.FromSeconds(3) };
        var system = System(option);
        var error = Assert.ThrowsAny<Exception>(() => LeaseProvider.Get(system).GetLease(Name, StoreLease.ConfigPath, "127.0.0.1:4053"));
        Assert.Contains("must be under a third of heartbeat-timeout", Flatten(error));
    }

    private Akka.Coordination.Lease LeaseFor(StoreLocation store, string owner) =>
        LeaseProvider.Get(System(new StoreLeaseOption(store) { HeartbeatInterval = Interval, HeartbeatTimeout = Timeout }))
            .GetLease(Name, StoreLease.ConfigPath, owner);

    private ActorSystem System(StoreLeaseOption option)
    {
        var system = ActorSystem.Create("lease-test", ConfigurationFactory.ParseString(option.ToHocon() + "\nakka.loglevel = INFO"));
        _systems.Add(system);
        return system;
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);

    private static string Now(string kind) => kind == TestStores.Sqlite
        ? "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
        : "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    private static DbConnection Open(StoreLocation store)
    {
        DbConnection connection = store.Provider == StoreProvider.Sqlite
            ? new SqliteConnection(store.ConnectionString)
            : new NpgsqlConnection(store.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose()
    {
        foreach (var system in _systems) system.Terminate().Wait();
    }
}

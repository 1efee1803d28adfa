using Akka.Configuration;
using Akka.Hosting;
using System.Data.Common;
using Akka.Persistence.Sql.Hosting;
using LinqToDB;
using Sweeps.Store;

namespace Sweeps.Cluster.Hosting;

public static class PersistenceHosting
{
    /// <summary>
    /// The journal and snapshots live in the same database as the results tables (Akka.Persistence.Sql's default
    /// table layout, so stores written by earlier versions recover). The projection polls the journal every 50 ms.
    /// </summary>
    public static AkkaConfigurationBuilder WithSweepsPersistence(this AkkaConfigurationBuilder builder, StoreLocation store) => builder
        .WithSqlPersistence(Journal(store), Snapshots(store))
        .AddHocon(Tuning(store), HoconAddMode.Prepend);

    public static SqlJournalOptions Journal(StoreLocation store) => new(isDefaultPlugin: true)
    {
        ConnectionString = store.ConnectionString,
        ProviderName = store.PersistenceProviderName,
        AutoInitialize = true,
        QueryRefreshInterval = TimeSpan.FromMilliseconds(50),
        DataOptions = WaitingForTheWriteLock(store),
    };

    public static SqlSnapshotOptions Snapshots(StoreLocation store) => new(isDefaultPlugin: true)
    {
        ConnectionString = store.ConnectionString,
        ProviderName = store.PersistenceProviderName,
        AutoInitialize = true,
        DataOptions = WaitingForTheWriteLock(store),
    };

    /// <summary>
    /// SQLite has one writer at a time, and the journal shares its file with the results tables. Microsoft.Data.Sqlite
    /// meets a held write lock by sleeping 150 ms before it tries again, so every time the projection's transaction
    /// overlapped a journal write the coordinator stalled for 150 ms. With SQLite's own busy timeout set on each
    /// connection, a writer waits inside SQLite, in steps of a few milliseconds, for exactly as long as the lock is held.
    /// </summary>
    private static DataOptions? WaitingForTheWriteLock(StoreLocation store) =>
        store.Provider != StoreProvider.Sqlite ? null : new DataOptions()
            .UseConnectionString(store.PersistenceProviderName, store.ConnectionString)
            .UseAfterConnectionOpened(SetBusyTimeout, (connection, _) =>
            {
                SetBusyTimeout(connection);
                return Task.CompletedTask;
            });

    private static void SetBusyTimeout(DbConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout=60000;";
        pragma.ExecuteNonQuery();
    }

    /// <summary>
    /// Akka.Persistence.Sql.Hosting 1.5.70 has no typed option for these: SQLite has one writer, so its journal
    /// writes one batch at a time; the read side buffers at most 100 events, which is tens of thousands of trials (an
    /// event carries a worker's whole batch), so a projection that falls behind does not hold a large part of the journal.
    /// </summary>
    public static Config Tuning(StoreLocation store) => ConfigurationFactory.ParseString($$"""
        akka.persistence.journal.sql { parallelism = {{(store.Provider == StoreProvider.Sqlite ? 1 : 3)}}, batch-size = 100 }
        akka.persistence.query.journal.sql.max-buffer-size = 100
        """);
}

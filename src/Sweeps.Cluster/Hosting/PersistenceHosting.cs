using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
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
    };

    public static SqlSnapshotOptions Snapshots(StoreLocation store) => new(isDefaultPlugin: true)
    {
        ConnectionString = store.ConnectionString,
        ProviderName = store.PersistenceProviderName,
        AutoInitialize = true,
    };

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

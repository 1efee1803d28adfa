using LinqToDB.Data;
using Sweeps.Cluster.Hosting;
using Sweeps.Store;

namespace Sweeps.Cluster.Tests.Hosting;

public sealed class PersistenceHostingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sweeps-persistence-").FullName;

    [Fact]
    public void The_journal_on_SQLite_waits_inside_SQLite_for_the_write_lock()
    {
        // Without SQLite's busy timeout, Microsoft.Data.Sqlite sleeps 150 ms whenever the projection holds the lock.
        var location = StoreLocation.Parse(Path.Combine(_folder, "journal.db"));
        var journal = PersistenceHosting.Journal(location).DataOptions;
        var snapshots = PersistenceHosting.Snapshots(location).DataOptions;

        Assert.NotNull(journal);
        Assert.NotNull(snapshots);
        using var connection = new DataConnection(journal);
        Assert.Equal(60_000, connection.Execute<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public void PostgreSQL_keeps_the_plugin_s_own_connection_settings()
    {
        var location = StoreLocation.Parse("Host=127.0.0.1;Database=sweeps;Username=sweeps");

        Assert.Null(PersistenceHosting.Journal(location).DataOptions);
        Assert.Null(PersistenceHosting.Snapshots(location).DataOptions);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

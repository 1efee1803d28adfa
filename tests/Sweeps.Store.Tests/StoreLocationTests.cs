using Sweeps.Store;

namespace Sweeps.Store.Tests;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("sweeps.db", StoreProvider.Sqlite)]
    [InlineData("/data/runs/results.sqlite", StoreProvider.Sqlite)]
    [InlineData("Host=db;Database=sweeps;Username=sweeps", StoreProvider.Postgres)]
    [InlineData("Server=10.0.0.5;Port=5433;Database=s;User Id=u", StoreProvider.Postgres)]
    [InlineData("postgresql://sweeps:secret@db:5432/results", StoreProvider.Postgres)]
    [InlineData("postgres://db/results", StoreProvider.Postgres)]
    public void A_path_is_sqlite_and_a_connection_string_is_postgres(string text, StoreProvider provider) =>
        Assert.Equal(provider, StoreLocation.Parse(text).Provider);

    [Fact]
    public void A_postgres_uri_keeps_user_password_host_port_and_database()
    {
        var location = StoreLocation.Parse("postgresql://sweeps:s%40cret@db:6543/results");
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(location.ConnectionString);
        Assert.Equal(("db", 6543, "results", "sweeps", "s@cret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal("PostgreSQL db:6543/results", location.Display);
        Assert.Equal("PostgreSQL.15", location.PersistenceProviderName);
    }

    [Fact]
    public void A_sqlite_path_becomes_absolute()
    {
        var location = StoreLocation.Parse("sweeps.db");
        Assert.True(Path.IsPathRooted(location.Display));
        Assert.Equal("SQLite.MS", location.PersistenceProviderName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_store_says_what_would_be_right(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Parse(text));
        Assert.Contains("give a SQLite file path (sweeps.db) or a PostgreSQL connection string", error.Message);
    }
}

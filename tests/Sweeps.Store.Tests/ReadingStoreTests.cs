using Npgsql;
using Sweeps.TestSupport;

namespace Sweeps.Store.Tests;

/// <summary>Reading a store (status, query, compare) never creates or changes anything, and needs only the right to read.</summary>
public sealed class ReadingStoreTests
{
    public static TheoryData<string> Kinds => TestStores.Kinds();

    [Theory, MemberData(nameof(Kinds))]
    public void A_store_opened_to_read_reads_everything_and_cannot_write(string kind)
    {
        var location = TestStores.Create(kind);
        var writer = ResultStore.Open(location);
        writer.SaveSweep(Some.Sweep());
        writer.Apply(Some.Batch(3, Some.Trial("shell", 0)), "trials");

        var reader = ResultStore.OpenToRead(location);
        Assert.Single(reader.Sweeps());
        Assert.Single(reader.ReadTrials("shell"));
        Assert.ThrowsAny<Exception>(() => reader.SaveSweep(Some.Sweep() with { Name = "another" }));
        Assert.Single(writer.Sweeps());
    }

    [Fact]
    public void A_postgres_user_who_may_only_select_can_read_a_store()
    {
        if (TestStores.PostgresServer is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return;
        var location = TestStores.Create(TestStores.Postgres);
        ResultStore.Open(location).SaveSweep(Some.Sweep());
        var role = "sweeps_reader_" + Guid.NewGuid().ToString("N")[..8];
        var database = new NpgsqlConnectionStringBuilder(location.ConnectionString).Database;
        Execute(location.ConnectionString, $"CREATE ROLE {role} LOGIN PASSWORD 'reader'",
            $"GRANT CONNECT ON DATABASE {database} TO {role}", $"GRANT USAGE ON SCHEMA public TO {role}",
            $"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}");
        try
        {
            var asReader = StoreLocation.Parse(new NpgsqlConnectionStringBuilder(location.ConnectionString) { Username = role, Password = "reader" }.ConnectionString);
            Assert.Equal(Some.Sweep().Name, Assert.Single(ResultStore.OpenToRead(asReader).Sweeps()).Name);
            Assert.ThrowsAny<Exception>(() => ResultStore.Open(asReader)); // a writer needs more: that is why readers open this way
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(location.ConnectionString, $"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}", $"REVOKE ALL ON SCHEMA public FROM {role}",
                $"REVOKE ALL ON DATABASE {database} FROM {role}", $"DROP ROLE {role}");
        }
    }

    [Fact]
    public void Reading_a_file_that_is_not_there_creates_nothing()
    {
        var path = Path.Combine(TestStores.NewFolder(), "typo.db");
        var error = Assert.Throws<StoreException>(() => ResultStore.OpenToRead(StoreLocation.Parse(path)));
        Assert.Contains("there is no store at", error.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Another_applications_database_is_refused_and_left_as_it_was()
    {
        var path = Path.Combine(TestStores.NewFolder(), "other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers (id INTEGER)";
            command.ExecuteNonQuery();
        }
        var location = StoreLocation.Parse(path);

        Assert.Contains("is not a Sweeps store", Assert.Throws<StoreException>(() => ResultStore.OpenToRead(location)).Message);
        Assert.Contains("tables of another application (customers)", Assert.Throws<StoreException>(() => ResultStore.Open(location)).Message);
        using var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var tables = check.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master";
        Assert.Equal(1L, tables.ExecuteScalar());
    }

    [Fact]
    public void A_file_that_is_no_database_at_all_is_refused_when_read()
    {
        var path = Path.Combine(TestStores.NewFolder(), "notes.db");
        File.WriteAllText(path, "shopping list");
        Assert.Contains("cannot be read as a Sweeps store", Assert.Throws<StoreException>(() => ResultStore.OpenToRead(StoreLocation.Parse(path))).Message);
        Assert.Equal("shopping list", File.ReadAllText(path));
    }

    private static void Execute(string connectionString, params string[] statements)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}

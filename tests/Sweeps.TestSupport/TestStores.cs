using Npgsql;
using Xunit;
using Sweeps.Store;

namespace Sweeps.TestSupport;

/// <summary>
/// Real stores for tests: a new SQLite file in a temp folder, or a new database on the PostgreSQL server named by
/// SWEEPS_TEST_POSTGRES (which .ci/run starts). Where CI=true and no server is named, the PostgreSQL cases fail
/// rather than vanish.
/// </summary>
public static class TestStores
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public static string? PostgresServer => Environment.GetEnvironmentVariable("SWEEPS_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The kinds of store to run a theory against: SQLite always, PostgreSQL where a server is there (always in CI).</summary>
    public static TheoryData<string> Kinds()
    {
        var kinds = new TheoryData<string> { Sqlite };
        if (PostgresServer is not null || InCi) kinds.Add(Postgres);
        return kinds;
    }

    public static StoreLocation Create(string kind, string? folder = null) => kind switch
    {
        Sqlite => StoreLocation.Parse(Path.Combine(folder ?? NewFolder(), "sweeps.db")),
        Postgres => StoreLocation.Parse(NewPostgresDatabase()),
        _ => throw new ArgumentException($"unknown store kind {kind}"),
    };

    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sweeps-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A new, empty database on the test server; its connection string.</summary>
    public static string NewPostgresDatabase()
    {
        var server = PostgresServer ?? throw new InvalidOperationException(
            "CI=true but SWEEPS_TEST_POSTGRES is not set: .ci/run starts a PostgreSQL server and sets it; see .ci/run");
        var name = "sweeps_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}

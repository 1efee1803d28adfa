namespace Sweeps.Store;

/// <summary>
/// Where a store lives: a SQLite file path (the embedded default) or a PostgreSQL connection string.
/// Accepted wherever a <c>--db</c> is: <c>sweeps.db</c>, <c>/data/runs.db</c>,
/// <c>Host=db;Database=sweeps;Username=sweeps</c> or <c>postgresql://user@host:5432/sweeps?sslmode=verify-full</c>.
/// <see cref="Display"/> names the store for people and logs and never holds the password.
/// </summary>
public sealed record StoreLocation(StoreProvider Provider, string ConnectionString, string Display)
{
    public const string DefaultPath = "sweeps.db";

    public static StoreLocation Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException("the store is empty: give a SQLite file path (sweeps.db) or a PostgreSQL connection string (Host=...;Database=...)");
        var text = value.Trim();
        if (PostgresUri.Matches(text)) return Postgres(PostgresUri.Parse(text));
        if (LooksLikeConnectionString(text)) return Postgres(new Npgsql.NpgsqlConnectionStringBuilder(text));
        var path = Path.GetFullPath(text);
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 60,
        };
        return new StoreLocation(StoreProvider.Sqlite, sqlite.ConnectionString, path);
    }

    /// <summary>The same store opened so that nothing can be written: SQLite read-only mode, PostgreSQL read-only transactions.</summary>
    public StoreLocation ToRead()
    {
        if (Provider == StoreProvider.Sqlite)
            return this with { ConnectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString) { Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly }.ConnectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        builder.Options = $"{builder.Options} -c default_transaction_read_only=on".Trim();
        return this with { ConnectionString = builder.ConnectionString };
    }

    /// <summary>The provider name Akka.Persistence.Sql (linq2db) knows this store by.</summary>
    public string PersistenceProviderName => Provider == StoreProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    public override string ToString() => Display;

    private static bool LooksLikeConnectionString(string text) =>
        text.Contains('=') && (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase));

    private static StoreLocation Postgres(Npgsql.NpgsqlConnectionStringBuilder builder)
    {
        // Several hosts carry their own ports.
        var hosts = builder.Host is { } host && host.Contains(',') ? host : $"{builder.Host}:{builder.Port}";
        return new StoreLocation(StoreProvider.Postgres, builder.ConnectionString, $"PostgreSQL {hosts}/{builder.Database}");
    }
}

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

namespace Sweeps.Store;

/// <summary>
/// Where a store lives: a SQLite file path (the embedded default) or a PostgreSQL connection string.
/// Accepted wherever a <c>--db</c> is: <c>sweeps.db</c>, <c>/data/runs.db</c>,
/// <c>Host=db;Database=sweeps;Username=sweeps</c> or <c>postgresql://user@host:5432/sweeps</c>.
/// </summary>
public sealed record StoreLocation(StoreProvider Provider, string ConnectionString, string Display)
{
    public const string DefaultPath = "sweeps.db";

    public static StoreLocation Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException("the store is empty: give a SQLite file path (sweeps.db) or a PostgreSQL connection string (Host=...;Database=...)");
        var text = value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return FromPostgresUri(new Uri(text));
        if (LooksLikeConnectionString(text))
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(text);
            return new StoreLocation(StoreProvider.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }
        var path = Path.GetFullPath(text);
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 60,
        };
        return new StoreLocation(StoreProvider.Sqlite, sqlite.ConnectionString, path);
    }

    /// <summary>The provider name Akka.Persistence.Sql (linq2db) knows this store by.</summary>
    public string PersistenceProviderName => Provider == StoreProvider.Sqlite ? "SQLite.MS" : "PostgreSQL.15";

    public override string ToString() => Display;

    private static bool LooksLikeConnectionString(string text) =>
        text.Contains('=') && (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase));

    private static StoreLocation FromPostgresUri(Uri uri)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "sweeps",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2) builder.Password = Uri.UnescapeDataString(parts[1]);
        }
        return new StoreLocation(StoreProvider.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
    }
}

public enum StoreProvider
{
    Sqlite,
    Postgres,
}

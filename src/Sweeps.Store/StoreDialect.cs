using System.Data.Common;

namespace Sweeps.Store;

/// <summary>What differs between SQLite and PostgreSQL: connections, column types, and how JSON and times are passed.</summary>
internal abstract class StoreDialect
{
    public abstract DbConnection Open();

    public virtual bool IsSqlite => false;

    /// <summary>A statement that serializes schema creation between processes inside a transaction; null where the database does already.</summary>
    public virtual string? SchemaLock => null;

    /// <summary>The type of the JSON columns (parameters, metrics, series).</summary>
    public abstract string JsonType { get; }

    /// <summary>The type of time columns.</summary>
    public abstract string TimeType { get; }

    /// <summary>How a JSON parameter is written in SQL (PostgreSQL casts text to jsonb).</summary>
    public abstract string Json(string parameter);

    /// <summary>A time value as the driver wants it.</summary>
    public abstract object Time(DateTime? value);

    public abstract DateTime? ReadTime(DbDataReader reader, int ordinal);

    public static StoreDialect For(StoreLocation location) => location.Provider switch
    {
        StoreProvider.Sqlite => new SqliteDialect(location.ConnectionString),
        _ => new PostgresDialect(location.ConnectionString),
    };
}

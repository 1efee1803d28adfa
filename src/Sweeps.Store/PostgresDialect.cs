using System.Data.Common;
using Npgsql;

namespace Sweeps.Store;

internal sealed class PostgresDialect(string connectionString) : StoreDialect
{
    /// <summary>A transaction-scoped advisory lock, released at commit; the key is arbitrary but fixed for Sweeps' schema.</summary>
    public override string SchemaLock => "SELECT pg_advisory_xact_lock(5736911001)";

    public override DbConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    public override string JsonType => "JSON"; // not JSONB: it keeps the order parameters were declared in

    public override string TimeType => "TIMESTAMPTZ";

    public override string Json(string parameter) => $"CAST({parameter} AS json)";

    public override object Time(DateTime? value) =>
        value is { } time ? DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc) : DBNull.Value;

    public override DateTime? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);
}

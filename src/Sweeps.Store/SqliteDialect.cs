using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sweeps.Store;

internal sealed class SqliteDialect(string connectionString) : StoreDialect
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    private readonly bool _readOnly = new SqliteConnectionStringBuilder(connectionString).Mode == SqliteOpenMode.ReadOnly;

    public override bool IsSqlite => true;

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // WAL lets readers (sweeps status, sqlite3) in while the coordinator writes; it stays set in the file (readers leave it).
        pragma.CommandText = _readOnly ? "PRAGMA busy_timeout=60000;" : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public override string JsonType => "TEXT";

    public override string TimeType => "TEXT";

    public override string Json(string parameter) => parameter;

    public override object Time(DateTime? value) =>
        value is { } time ? time.ToUniversalTime().ToString(TimeFormat, CultureInfo.InvariantCulture) : DBNull.Value;

    public override DateTime? ReadTime(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : DateTime.SpecifyKind(DateTime.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture), DateTimeKind.Utc);
}

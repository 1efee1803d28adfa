using System.Data.Common;

namespace Sweeps.Store;

/// <summary>
/// Schema version 2: where a sweep came from (<c>sweeps</c>: sweeps_version, submitted_host, submitted_by, git_commit,
/// git_dirty) and where and how each trial ran (<c>trials</c>: host, details). Added to new stores and to stores of
/// version 1 alike, as nullable columns: rows written before have them empty, and nothing is rewritten.
/// </summary>
internal static class RunMetadataColumns
{
    private static readonly (string Table, string Column, Func<StoreDialect, string> Type)[] Added =
    [
        ("sweeps", "sweeps_version", _ => "TEXT"),
        ("sweeps", "submitted_host", _ => "TEXT"),
        ("sweeps", "submitted_by", _ => "TEXT"),
        ("sweeps", "git_commit", _ => "TEXT"),
        ("sweeps", "git_dirty", _ => "INTEGER"),
        ("trials", "host", _ => "TEXT"),
        ("trials", "details", d => d.JsonType),
    ];

    public static void Add(DbConnection connection, DbTransaction transaction, StoreDialect dialect)
    {
        foreach (var (table, column, type) in Added)
        {
            // Looked up first on both stores: on PostgreSQL even ALTER TABLE ... IF NOT EXISTS takes an exclusive lock,
            // and a node opening the store while another's projection writes would deadlock with it.
            if (Has(connection, transaction, dialect, table, column)) continue;
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"ALTER TABLE {table} ADD COLUMN {(dialect.IsSqlite ? "" : "IF NOT EXISTS ")}{column} {type(dialect)}";
            command.ExecuteNonQuery();
        }
    }

    private static bool Has(DbConnection connection, DbTransaction transaction, StoreDialect dialect, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dialect.IsSqlite
            ? $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'"
            : $"SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}' AND column_name = '{column}'";
        return Convert.ToInt64(command.ExecuteScalar()) > 0;
    }
}

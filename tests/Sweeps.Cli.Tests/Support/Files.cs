using Microsoft.Data.Sqlite;

namespace Sweeps.Cli.Tests.Support;

internal static class Files
{
    public static string Write(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs a query against a store the way a person with sqlite3 or psql would: a SQLite path or a PostgreSQL connection string.</summary>
    public static List<object?[]> Query(string database, string sql)
    {
        using System.Data.Common.DbConnection connection = database.Contains("Host=")
            ? new Npgsql.NpgsqlConnection(database)
            : new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Runs one statement against a SQLite file, creating it if needed (another application's database, say).</summary>
    public static void Execute(string sqliteFile, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={sqliteFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Count(string database, string sql) => Convert.ToInt64(Query(database, sql).Single()[0]);
}

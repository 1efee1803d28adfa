using System.Data.Common;
using System.Globalization;
using Sweeps.Core.Lifecycle;

namespace Sweeps.Store;

internal static class TrialReader
{
    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    public const string Columns = """
        sweep, trial_index, point_index, replicate, seed, CAST(parameters AS TEXT), status, attempt, worker,
               started_at, ended_at, duration_ms, CAST(metrics AS TEXT), CAST(series AS TEXT), error,
               host, CAST(details AS TEXT)
        """;

    /// <summary>The same columns with the learning curves left out (they are most of a row's bytes).</summary>
    public static readonly string ColumnsWithoutSeries = Columns.Replace("CAST(series AS TEXT)", "NULL", StringComparison.Ordinal);

    public const string Select = "SELECT " + Columns + " FROM trials";

    public static readonly string SelectWithoutSeries = "SELECT " + ColumnsWithoutSeries + " FROM trials";

    /// <summary>A store of schema version 1, opened to read without migrating it, has no host or details columns.</summary>
    public static string WithoutRunMetadata(string select) => select.Replace("host, CAST(details AS TEXT)", "NULL, NULL", StringComparison.Ordinal);

    public static TrialRow Read(DbDataReader reader, StoreDialect dialect) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetInt64(2),
        reader.GetInt32(3),
        ulong.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        StoreJson.ReadParameters(reader.GetString(5)),
        StateNames.ParseTrialStatus(reader.GetString(6)),
        reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        dialect.ReadTime(reader, 9),
        dialect.ReadTime(reader, 10),
        reader.IsDBNull(11) ? null : reader.GetDouble(11),
        StoreJson.ReadMetrics(reader.IsDBNull(12) ? null : reader.GetString(12)),
        StoreJson.ReadSeries(reader.IsDBNull(13) ? null : reader.GetString(13)),
        reader.IsDBNull(14) ? null : reader.GetString(14))
    {
        Host = reader.IsDBNull(15) ? null : reader.GetString(15),
        Details = StoreJson.ReadDetails(reader.IsDBNull(16) ? null : reader.GetString(16)),
    };
}

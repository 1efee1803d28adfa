using System.Globalization;
using Parquet;
using Parquet.Schema;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Parameters;
using Sweeps.Store;

namespace Sweeps.Cli.Output;

/// <summary>
/// Trials as a Parquet file (pandas, DuckDB, Spark read it): the CSV's columns with their types, written a row group
/// at a time so a million trials are not held at once. A parameter's type is taken from the first row group.
/// </summary>
internal static class TrialParquet
{
    private const int RowGroupSize = 50_000;

    public static async Task<long> WriteAsync(string path, TrialColumns columns, IEnumerable<TrialRow> rows, CancellationToken cancellation)
    {
        await using var file = File.Create(path);
        ParquetWriter? writer = null;
        Column[]? schema = null;
        long count = 0;
        try
        {
            foreach (var chunk in rows.Chunk(RowGroupSize))
            {
                schema ??= Columns(columns, chunk);
                writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(schema.Select(c => c.Field)), file, cancellationToken: cancellation);
                await WriteGroupAsync(writer, schema, chunk, cancellation);
                count += chunk.Length;
            }
            if (writer is null)
            {
                schema = Columns(columns, []);
                writer = await ParquetWriter.CreateAsync(new ParquetSchema(schema.Select(c => c.Field)), file, cancellationToken: cancellation);
                await WriteGroupAsync(writer, schema, [], cancellation);
            }
        }
        finally
        {
            if (writer is not null) await writer.DisposeAsync();
        }
        return count;
    }

    private static async Task WriteGroupAsync(ParquetWriter writer, Column[] schema, TrialRow[] rows, CancellationToken cancellation)
    {
        using var group = writer.CreateRowGroup();
        foreach (var column in schema) await column.WriteAsync(group, rows, cancellation);
    }

    private static Column[] Columns(TrialColumns columns, TrialRow[] sample)
    {
        var list = new List<Column>
        {
            Long("trial", r => r.Index),
            Long("replicate", r => r.Replicate),
            Text("status", r => r.Status.Text()),
        };
        for (var i = 0; i < columns.Parameters.Count; i++)
        {
            var (name, key) = (columns.ParameterNames[i], columns.Parameters[i]);
            var kinds = sample.Select(r => r.Parameters.TryGet(key, out var v) ? v.Kind : (ParameterKind?)null).OfType<ParameterKind>().Distinct().ToList();
            list.Add(kinds switch
            {
                [ParameterKind.Integer] => Long(name, r => r.Parameters.TryGet(key, out var v) && v.Kind == ParameterKind.Integer ? (long)v.Number : null),
                [ParameterKind.Boolean] => new Column<bool>(name, r => r.Parameters.TryGet(key, out var v) && v.Kind == ParameterKind.Boolean ? v.Number != 0 : null),
                _ when kinds.Count > 0 && kinds.All(k => k is ParameterKind.Integer or ParameterKind.Real) =>
                    Double(name, r => r.Parameters.TryGet(key, out var v) && v.IsNumeric ? v.Number : null),
                _ => Text(name, r => r.Parameters.TryGet(key, out var v) ? v.ToString() : null),
            });
        }
        for (var i = 0; i < columns.Metrics.Count; i++)
        {
            var key = columns.Metrics[i];
            list.Add(Double(columns.MetricNames[i], r => r.Metrics.TryGetValue(key, out var v) ? v : null));
        }
        list.Add(Long("attempt", r => r.Attempt));
        list.Add(Text("worker", r => r.Worker));
        list.Add(new TimeColumn("started_at", r => r.StartedAt));
        list.Add(new TimeColumn("ended_at", r => r.EndedAt));
        list.Add(Double("duration_ms", r => r.DurationMs));
        list.Add(Text("seed", r => r.Seed.ToString(CultureInfo.InvariantCulture)));
        list.Add(Text("error", r => r.Error));
        list.Add(Text("host", r => r.Host));
        list.Add(Text("details", r => StoreJson.Details(r.Details)));
        return list.ToArray();
    }

    private static Column<long> Long(string name, Func<TrialRow, long?> value) => new(name, value);

    private static Column<double> Double(string name, Func<TrialRow, double?> value) => new(name, value);

    private static TextColumn Text(string name, Func<TrialRow, string?> value) => new(name, value);

    private abstract class Column
    {
        public abstract DataField Field { get; }

        public abstract Task WriteAsync(ParquetRowGroupWriter group, TrialRow[] rows, CancellationToken cancellation);
    }

    private sealed class Column<T>(string name, Func<TrialRow, T?> value) : Column where T : struct
    {
        public override DataField Field { get; } = new DataField<T?>(name);

        public override Task WriteAsync(ParquetRowGroupWriter group, TrialRow[] rows, CancellationToken cancellation) =>
            group.WriteAsync<T>(Field, rows.Select(value).ToArray(), cancellationToken: cancellation);
    }

    private sealed class TimeColumn(string name, Func<TrialRow, DateTime?> value) : Column
    {
        public override DataField Field { get; } = new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: true);

        public override Task WriteAsync(ParquetRowGroupWriter group, TrialRow[] rows, CancellationToken cancellation) =>
            group.WriteAsync<DateTime>(Field, rows.Select(r => value(r) is { } t ? DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc) : (DateTime?)null).ToArray(), cancellationToken: cancellation);
    }

    private sealed class TextColumn(string name, Func<TrialRow, string?> value) : Column
    {
        public override DataField Field { get; } = new DataField<string>(name, nullable: true);

        public override Task WriteAsync(ParquetRowGroupWriter group, TrialRow[] rows, CancellationToken cancellation) =>
            group.WriteAsync(Field, rows.Select(value).ToArray()!);
    }
}

using Sweeps.Store;

namespace Sweeps.Cli.Output;

/// <summary>RFC 4180 CSV, numbers at full precision, streamed row by row.</summary>
internal static class TrialCsv
{
    public static void Write(TextWriter output, TrialColumns columns, IEnumerable<TrialRow> rows)
    {
        output.WriteLine(string.Join(",", columns.Names.Select(Quote)));
        foreach (var row in rows) output.WriteLine(string.Join(",", columns.Values(row, Numbers.Exact).Select(Quote)));
        output.Flush();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}

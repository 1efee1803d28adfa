using Spectre.Console;
using Sweeps.Store;

namespace Sweeps.Cli.Output;

internal static class TrialTable
{
    public static void Write(IAnsiConsole console, TrialColumns columns, IEnumerable<TrialRow> rows)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var name in columns.Names) table.AddColumn(new TableColumn(Markup.Escape(name)));
        var count = 0;
        foreach (var row in rows)
        {
            table.AddRow(columns.Values(row, Numbers.Show).Select(Markup.Escape).ToArray());
            count++;
        }
        console.Write(table);
        console.MarkupLine($"[grey]{count:N0} trial(s)[/]");
    }
}

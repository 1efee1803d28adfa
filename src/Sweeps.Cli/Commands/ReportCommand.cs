using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console.Cli;
using Sweeps.Report;

namespace Sweeps.Cli.Commands;

public sealed class ReportSettings : StoreSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The sweep to report on.")]
    public string Name { get; init; } = "";

    [CommandOption("--out <FILE>")]
    [Description("The HTML file to write (default [green]report.html[/] here); one self-contained page, viewable offline.")]
    [DefaultValue("report.html")]
    public string Out { get; init; } = "report.html";
}

/// <summary><c>sweeps report NAME [--out report.html]</c>: the sweep's figures and parameter importance as one HTML page.</summary>
public sealed class ReportCommand : SweepsCommand<ReportSettings>
{
    protected override async Task<int> RunAsync(ReportSettings settings, CancellationToken interruption)
    {
        var path = Path.GetFullPath(settings.Out);
        if (Directory.Exists(path)) throw new UsageException($"--out: {settings.Out} is a folder; give a file name");
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder)) throw new UsageException($"--out: the folder {folder} does not exist");
        var store = settings.OpenStoreToRead();
        var clock = Stopwatch.StartNew();
        string html;
        try
        {
            html = SweepReport.Build(store, settings.Name);
        }
        catch (ReportException e)
        {
            throw new UsageException(e.Message);
        }
        try
        {
            await File.WriteAllTextAsync(path, html, interruption);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--out: cannot write {settings.Out}: {e.Message}");
        }
        Console.Error.WriteLine($"wrote {settings.Out} ({html.Length / 1024.0:0} KB) in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}

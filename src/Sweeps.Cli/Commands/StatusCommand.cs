using Sweeps.Cli.Output;
using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Core.Lifecycle;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

public sealed class StatusSettings : StoreSettings
{
    [CommandArgument(0, "[NAME]")]
    [Description("One sweep to show in detail; all sweeps when left out.")]
    public string? Name { get; init; }
}

/// <summary><c>sweeps status [NAME]</c>: the sweeps in a store with their counts, or one sweep in detail.</summary>
public sealed class StatusCommand : SweepsCommand<StatusSettings>
{
    protected override Task<int> RunAsync(StatusSettings settings, CancellationToken interruption)
    {
        var store = settings.OpenStoreToRead();
        if (settings.Name is null)
        {
            var sweeps = store.Sweeps();
            if (sweeps.Count == 0)
            {
                Out.MarkupLine($"No sweeps in [green]{Markup.Escape(store.Location.Display)}[/] yet. Start one with: sweeps run config/sweeps/curse-of-dimensionality.yaml");
                return Task.FromResult(0);
            }
            var table = new Table().Border(TableBorder.Simple);
            foreach (var column in new[] { "sweep", "job", "state", "completed", "failed", "pruned", "running", "pending", "total", "submitted (UTC)" })
                table.AddColumn(column);
            foreach (var sweep in sweeps)
            {
                var s = store.Summarize(sweep);
                table.AddRow(Markup.Escape(sweep.Name), Markup.Escape(sweep.Job), sweep.State.Text(), $"{s.Completed:N0}",
                    s.Failed > 0 ? $"[red]{s.Failed:N0}[/]" : "0", $"{s.Pruned:N0}", $"{s.Running:N0}", $"{s.Pending:N0}", $"{sweep.TotalTrials:N0}",
                    sweep.SubmittedAt.ToString("yyyy-MM-dd HH:mm:ss"));
            }
            Out.Write(table);
            foreach (var waiting in store.Notices().Where(n => n.Topic == SweepNotice.Waiting))
                Out.MarkupLine($"[yellow]{Markup.Escape(waiting.Sweep)} waits[/]: {Markup.Escape(waiting.Message!)}");
            Out.MarkupLine(LagLine(store));
            return Task.FromResult(0);
        }

        var found = StoredSweep.Find(store, settings.Name);
        var summary = store.Summarize(found);
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow($"[grey]{name}[/]", value);
        Row("sweep", Markup.Escape(found.Name));
        Row("job", Markup.Escape(found.Job));
        Row("sampler", found.Sampler);
        Row("state", found.State.Text());
        Row("submitted", found.SubmittedAt.ToString("yyyy-MM-dd HH:mm:ss") + " UTC");
        Row("trials", $"{found.TotalTrials:N0}: {summary.Completed:N0} completed, {summary.Failed:N0} failed, " +
            (summary.Pruned > 0 ? $"{summary.Pruned:N0} pruned, " : "") + $"{summary.Running:N0} running, {summary.Pending:N0} pending");
        if (found.ObjectiveMetric is not null) Row("objective", $"{found.ObjectiveGoal} {Markup.Escape(found.ObjectiveMetric)}");
        Row("fingerprint", found.Fingerprint[..16]);
        Row("submitted by", Markup.Escape(OriginText.Who(found.Origin)));
        Row("sweeps version", Markup.Escape(found.Origin?.Version ?? "not recorded"));
        Row("git commit", Markup.Escape(OriginText.Commit(found.Origin)));
        Row("store lag", LagText(store));
        foreach (var notice in store.Notices(found.Name))
        {
            var since = $" [grey](since {notice.At:yyyy-MM-dd HH:mm:ss} UTC)[/]";
            if (notice.Topic == SweepNotice.Waiting) Row("[yellow]waiting[/]", Markup.Escape(notice.Message!) + since);
            else Row("refused", Markup.Escape(notice.Message!) + since);
        }
        Out.Write(grid);
        Out.WriteLine();
        Out.Write(new Panel(new Text(found.Spec.TrimEnd())).Header("spec").Border(BoxBorder.Rounded));
        var errors = store.ReadTrials(found.Name).Where(t => t.Status == TrialStatus.Failed).Take(5).ToList();
        if (errors.Count > 0)
        {
            Out.MarkupLine("[red]failed trials[/] (first 5; all with: sweeps query NAME --where \"status = failed\"):");
            foreach (var e in errors) Out.MarkupLine($"  #{e.Index} attempt {e.Attempt}: {Markup.Escape(e.Error ?? "")}");
        }
        return Task.FromResult(0);
    }

    private static string LagLine(ResultStore store) => $"[grey]store lag[/] {LagText(store)}";

    /// <summary>Journal events the tables do not hold yet; a coordinator that is running writes them within a second or so.</summary>
    private static string LagText(ResultStore store) =>
        store.Lag(Cluster.Projection.ResultsProjection.Name, Cluster.Coordination.SweepCoordinator.JournalId) switch
        {
            null => "none (no coordinator has run on this store)",
            { Events: 0 } => "0 (the tables hold the whole journal)",
            var lag => $"[yellow]{lag.Events:N0}[/] journal events not in the tables yet",
        };
}

using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Core.Spec;

namespace Sweeps.Cli.Commands;

public sealed class BenchClusterSettings : CommonSettings
{
    [CommandOption("--trials <N>")]
    [Description("Trials in the noop sweep.")]
    [DefaultValue(100_000)]
    public int Trials { get; init; } = 100_000;

    [CommandOption("--worker-processes <LIST>")]
    [Description("Numbers of worker processes to measure with, comma-separated (one slot each).")]
    [DefaultValue("2,4")]
    public string WorkerProcesses { get; init; } = "2,4";

    public override ValidationResult Validate() =>
        Trials < 1 ? ValidationResult.Error($"--trials: {Trials} is too few; give 1 or more")
        : !WorkerProcesses.Split(',').All(t => int.TryParse(t.Trim(), out var n) && n > 0)
            ? ValidationResult.Error($"--worker-processes: '{WorkerProcesses}' is not a list of process counts; give e.g. 2,4")
        : base.Validate();
}

/// <summary>
/// <c>sweeps bench cluster</c>: trials per second of a noop sweep through a coordinator in this process and N worker
/// processes on this machine, over 127.0.0.1, durable on SQLite. Compare with <c>sweeps bench overhead</c> (embedded).
/// </summary>
public sealed class BenchClusterCommand : SweepsCommand<BenchClusterSettings>
{
    protected override async Task<int> RunAsync(BenchClusterSettings settings, CancellationToken interruption)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"noop sweep of {settings.Trials:N0} trials across processes, SQLite");
        table.AddColumn("worker processes").AddColumn(new TableColumn("trials/s, first to last result").RightAligned());
        var jobs = BuiltInJobs.Create();
        foreach (var count in settings.WorkerProcesses.Split(',').Select(t => int.Parse(t.Trim())))
        {
            await using var cluster = await LocalCluster.StartAsync(jobs);
            for (var i = 0; i < count; i++) cluster.StartWorker($"bench-{i}", slots: 1);
            var spec = SpecLoader.Parse($"name: bench\njob: noop\nsampler: random\ntrials: {settings.Trials}\n", "bench", jobs).Single();
            await cluster.Coordinator.SubmitAsync([spec]);
            (double Seconds, long Done)? first = null;
            var clock = Stopwatch.StartNew();
            while (!interruption.IsCancellationRequested)
            {
                var progress = (await cluster.Coordinator.ProgressAsync()).Sweeps.Single();
                if (first is null && progress.Done > 0) first = (clock.Elapsed.TotalSeconds, progress.Done);
                if (progress.IsOver)
                {
                    var rate = (progress.Done - first!.Value.Done) / (clock.Elapsed.TotalSeconds - first.Value.Seconds);
                    table.AddRow(count.ToString(), $"{rate:N0}");
                    break;
                }
                await Task.Delay(100, CancellationToken.None);
            }
        }
        Out.Write(table);
        return 0;
    }
}

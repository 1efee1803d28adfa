using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

public sealed class BenchRecoverySettings : CommonSettings
{
    [CommandOption("--trials <LIST>")]
    [Description("Finished trials to recover from, comma-separated.")]
    [DefaultValue("10000,100000")]
    public string Trials { get; init; } = "10000,100000";

    public override ValidationResult Validate() =>
        Trials.Split(',').All(t => int.TryParse(t.Trim(), out var n) && n > 0)
            ? base.Validate()
            : ValidationResult.Error($"--trials: '{Trials}' is not a list of trial counts; give e.g. 10000,100000,1000000");
}

/// <summary>
/// <c>sweeps bench recovery</c>: how long a coordinator takes to recover a sweep with N finished trials (snapshot plus
/// the journal after it) — the time from starting a node to its first answer, which waits for recovery.
/// </summary>
public sealed class BenchRecoveryCommand : SweepsCommand<BenchRecoverySettings>
{
    protected override async Task<int> RunAsync(BenchRecoverySettings settings, CancellationToken interruption)
    {
        var table = new Table().Border(TableBorder.Simple).Title("coordinator recovery, SQLite");
        foreach (var column in new[] { "finished trials", "sweep took (s)", "recovery (s)", "journal events", "store (MB)" })
            table.AddColumn(new TableColumn(column).RightAligned());
        var jobs = BuiltInJobs.Create();
        foreach (var trials in settings.Trials.Split(',').Select(t => int.Parse(t.Trim())))
        {
            var folder = Path.Combine(Path.GetTempPath(), $"sweeps-recovery-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            try
            {
                var location = StoreLocation.Parse(Path.Combine(folder, "sweeps.db"));
                var spec = SpecLoader.Parse($"name: recover\njob: noop\nsampler: random\ntrials: {trials}\n", "bench", jobs).Single();
                var clock = Stopwatch.StartNew();
                await EmbeddedRun.RunAsync(new SweepsNodeOptions(location) { Worker = new WorkerOptions() }, jobs, [spec], _ => { },
                    TimeSpan.FromMilliseconds(200), interruption);
                var sweepSeconds = clock.Elapsed.TotalSeconds;

                clock.Restart();
                await using (var node = await SweepsNode.StartAsync(new SweepsNodeOptions(location) { Worker = null }, jobs))
                {
                    var report = await node.ProgressAsync();
                    var recovery = clock.Elapsed.TotalSeconds;
                    if (report.Sweeps.Single().Completed != trials) throw new InvalidOperationException("recovered the wrong count");
                    var megabytes = new DirectoryInfo(folder).GetFiles().Sum(f => f.Length) / 1e6;
                    table.AddRow($"{trials:N0}", $"{sweepSeconds:0.0}", $"{recovery:0.00}", $"{report.JournalPosition:N0}", $"{megabytes:N0}");
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        Out.Write(table);
        return 0;
    }
}

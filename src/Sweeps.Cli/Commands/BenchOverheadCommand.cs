using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

public sealed class BenchOverheadSettings : CommonSettings
{
    [CommandOption("--trials <N>")]
    [Description("Trials in the noop sweep.")]
    [DefaultValue(100_000)]
    public int Trials { get; init; } = 100_000;

    [CommandOption("--workers <N>")]
    [Description("Trial slots (default: the number of cores).")]
    public int? Workers { get; init; }

    [CommandOption("--db <PATH|CONNSTRING>")]
    [Description("Store to measure against (default: a new SQLite file in the temp folder, deleted afterwards).")]
    public string? Db { get; init; }

    public override ValidationResult Validate() =>
        Trials < 1 ? ValidationResult.Error($"--trials: {Trials} is too few; give 1 or more") : base.Validate();
}

/// <summary>
/// <c>sweeps bench overhead</c>: runs a noop sweep embedded and durable, and prints trials per second overall,
/// in the first and last tenth (flat cost per trial means these match), and the process's peak memory.
/// </summary>
public sealed class BenchOverheadCommand : SweepsCommand<BenchOverheadSettings>
{
    protected override async Task<int> RunAsync(BenchOverheadSettings settings, CancellationToken interruption)
    {
        var temporary = settings.Db is null ? Path.Combine(Path.GetTempPath(), $"sweeps-bench-{Guid.NewGuid():N}.db") : null;
        var location = StoreLocation.Parse(settings.Db ?? temporary!);
        var jobs = BuiltInJobs.Create();
        var name = $"bench-overhead-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        var spec = SpecLoader.Parse($"name: {name}\njob: noop\nsampler: random\ntrials: {settings.Trials}\nseed: 1\n", "bench", jobs).Single();
        var slots = settings.Workers ?? Environment.ProcessorCount;
        var samples = new List<(double Seconds, long Done, long Memory)>();
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await EmbeddedRun.RunAsync(
                new SweepsNodeOptions(location) { Worker = new WorkerOptions { Slots = slots } }, jobs, [spec],
                p => samples.Add((clock.Elapsed.TotalSeconds, p.Sum(s => s.Done), Process.GetCurrentProcess().WorkingSet64)),
                TimeSpan.FromMilliseconds(100), interruption);
            var seconds = clock.Elapsed.TotalSeconds;
            var table = new Table().Border(TableBorder.Simple).Title($"noop sweep, {settings.Trials:N0} trials, {slots} slots, {location.Provider}");
            table.AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
            table.AddRow("trials done", $"{result.Sweeps.Sum(s => s.Done):N0}");
            table.AddRow("wall time, start to store settled (s)", $"{seconds:0.00}");
            table.AddRow("trials/s overall, start-up included", $"{settings.Trials / seconds:N0}");
            table.AddRow("trials/s from first to last trial", $"{Rate(samples, 0.0, 1.0, settings.Trials):N0}");
            table.AddRow("trials/s, first tenth", $"{Rate(samples, 0.0, 0.1, settings.Trials):N0}");
            table.AddRow("trials/s, last tenth", $"{Rate(samples, 0.9, 1.0, settings.Trials):N0}");
            table.AddRow("working set, at 10% (MB)", $"{MemoryAt(samples, 0.1, settings.Trials) / 1e6:N0}");
            table.AddRow("working set, at 100% (MB)", $"{MemoryAt(samples, 1.0, settings.Trials) / 1e6:N0}");
            Out.Write(table);
            return result.Interrupted ? Interrupted : 0;
        }
        finally
        {
            if (temporary is not null)
                foreach (var file in new[] { temporary, temporary + "-wal", temporary + "-shm" }) File.Delete(file);
        }
    }

    /// <summary>Trials per second between two fractions of the sweep: from the last sample at or before the first to the first at or after the second.</summary>
    private static double Rate(List<(double Seconds, long Done, long Memory)> samples, double from, double to, long total)
    {
        var start = samples.LastOrDefault(s => s.Done <= from * total);
        var end = samples.FirstOrDefault(s => s.Done >= to * total);
        if (end.Seconds <= start.Seconds) return double.NaN;
        return (end.Done - start.Done) / (end.Seconds - start.Seconds);
    }

    private static double MemoryAt(List<(double Seconds, long Done, long Memory)> samples, double fraction, long total) =>
        samples.FirstOrDefault(s => s.Done >= fraction * total).Memory;
}

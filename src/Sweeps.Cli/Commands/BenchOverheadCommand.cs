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
    /// <summary>The --db value that means a new SQLite file in the temp folder, deleted afterwards.</summary>
    public const string TemporarySqlite = "sqlite";

    [CommandOption("--trials <N>")]
    [Description("Trials in the noop sweep.")]
    [DefaultValue(100_000)]
    public int Trials { get; init; } = 100_000;

    [CommandOption("--workers <N>")]
    [Description("Trial slots (default: the number of cores).")]
    public int? Workers { get; init; }

    [CommandOption("--sleep-ms <MS>")]
    [Description("How long each noop trial waits (default 0: as fast as the orchestrator goes). With --workers it sets the sweep's rate, to see how far the store trails the journal at a given rate: 16 slots of 1 ms are at most 16,000 trials/s.")]
    [DefaultValue(0.0)]
    public double SleepMs { get; init; }

    [CommandOption("--db <PATH|CONNSTRING>")]
    [Description("Store to measure against: a SQLite file, a PostgreSQL connection string, or [green]sqlite[/] for a new SQLite file in the temp folder, deleted afterwards (the default). Give it twice to measure both stores in this run and print the ratio of their rates.")]
    public string[] Db { get; init; } = [];

    public override ValidationResult Validate() =>
        Trials < 1 ? ValidationResult.Error($"--trials: {Trials} is too few; give 1 or more")
        : SleepMs is < 0 or > 60_000 || double.IsNaN(SleepMs) ? ValidationResult.Error($"--sleep-ms: {SleepMs} is not a wait; give 0 to 60000 ms")
        : Db.Length > 2 ? ValidationResult.Error($"--db: given {Db.Length} times; give one store, or two to compare")
        : base.Validate();
}

/// <summary>
/// <c>sweeps bench overhead</c>: runs a noop sweep embedded and durable, and prints how fast the trials ran (first to
/// last trial, and in the first and last tenth: flat cost per trial means these match), how long the store took to
/// hold them all, how far it trailed the journal, and the process's memory. Given two stores, it runs both and
/// prints the ratio of their end-to-end rates.
/// </summary>
public sealed class BenchOverheadCommand : SweepsCommand<BenchOverheadSettings>
{
    protected override async Task<int> RunAsync(BenchOverheadSettings settings, CancellationToken interruption)
    {
        var stores = settings.Db.Length == 0 ? [BenchOverheadSettings.TemporarySqlite] : settings.Db;
        var rates = new List<(StoreProvider Provider, double Rate)>();
        await WarmUpAsync(settings, interruption);
        foreach (var db in stores)
        {
            var (code, rate, provider) = await MeasureAsync(settings, db, interruption);
            if (code != 0) return code;
            rates.Add((provider, rate));
        }
        if (rates.Count == 2)
        {
            // PostgreSQL over SQLite when one of each, else second over first
            var (over, under) = rates[0].Provider == StoreProvider.Postgres && rates[1].Provider == StoreProvider.Sqlite ? (rates[0], rates[1]) : (rates[1], rates[0]);
            Out.MarkupLine($"ratio {over.Provider}/{under.Provider}, trials/s start to store settled: [green]{over.Rate / under.Rate:0.00}[/] ({over.Rate:N0} / {under.Rate:N0})");
        }
        return 0;
    }

    /// <summary>
    /// An unmeasured sweep first, so that the JIT and tiered compilation have done their work before any store is
    /// timed: without it the first of two stores ran up to 1.5x slower only for coming first.
    /// </summary>
    private static async Task WarmUpAsync(BenchOverheadSettings settings, CancellationToken interruption)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sweeps-bench-warmup-{Guid.NewGuid():N}.db");
        try
        {
            var jobs = BuiltInJobs.Create();
            var spec = SpecLoader.Parse($"name: warm-up\njob: noop\nsampler: random\ntrials: {Math.Min(settings.Trials, 50_000)}\nseed: 1\n", "bench", jobs).Single();
            await EmbeddedRun.RunAsync(new SweepsNodeOptions(StoreLocation.Parse(file)) { Worker = new WorkerOptions { Slots = settings.Workers ?? Environment.ProcessorCount } },
                jobs, [spec], _ => { }, TimeSpan.FromMilliseconds(200), interruption);
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        }
    }

    private async Task<(int Code, double Rate, StoreProvider Provider)> MeasureAsync(BenchOverheadSettings settings, string db, CancellationToken interruption)
    {
        var temporary = db == BenchOverheadSettings.TemporarySqlite ? Path.Combine(Path.GetTempPath(), $"sweeps-bench-{Guid.NewGuid():N}.db") : null;
        var location = StoreLocation.Parse(temporary ?? db);
        var jobs = BuiltInJobs.Create();
        var name = $"bench-overhead-{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}";
        var sleep = settings.SleepMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spec = SpecLoader.Parse($"name: {name}\njob: noop\nsampler: random\ntrials: {settings.Trials}\nseed: 1\nparameters: {{sleep_ms: {sleep}}}\n", "bench", jobs).Single();
        var slots = settings.Workers ?? Environment.ProcessorCount;
        var samples = new List<(double Seconds, long Done, long Memory)>();
        var clock = Stopwatch.StartNew();
        var watch = new StoreLagWatch(ResultStore.Open(location), clock);
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.Run(() => watch.RunAsync(stopWatching.Token));
        try
        {
            var result = await EmbeddedRun.RunAsync(
                new SweepsNodeOptions(location) { Worker = new WorkerOptions { Slots = slots } }, jobs, [spec],
                p =>
                {
                    var done = p.Sum(s => s.Done);
                    samples.Add((clock.Elapsed.TotalSeconds, done, Process.GetCurrentProcess().WorkingSet64));
                    if (done >= settings.Trials) watch.AllDone();
                },
                TimeSpan.FromMilliseconds(100), interruption);
            var stopped = clock.Elapsed.TotalSeconds;
            await stopWatching.CancelAsync();
            await watching;
            var settled = watch.SettledAt ?? stopped; // the node waits for the store before it stops
            var trials = settings.Trials;
            var table = new Table().Border(TableBorder.Simple).Title($"noop sweep, {trials:N0} trials{(settings.SleepMs > 0 ? $" of {settings.SleepMs} ms" : "")}, {slots} slots, {location.Provider}");
            table.AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
            table.AddRow("trials done", $"{result.Sweeps.Sum(s => s.Done):N0}");
            table.AddRow("time until every trial was done (s)", $"{watch.DoneAt ?? double.NaN:0.00}");
            table.AddRow("time until the store settled (s)", $"{settled:0.00}");
            table.AddRow("wall time, start to node stopped (s)", $"{stopped:0.00}");
            table.AddRow("trials/s, start to trials done", $"{trials / (watch.DoneAt ?? double.NaN):N0}");
            table.AddRow("trials/s, start to store settled", $"{trials / settled:N0}");
            table.AddRow("trials/s from first to last trial", $"{Rate(samples, 0.0, 1.0, trials):N0}");
            table.AddRow("trials/s, first tenth", $"{Rate(samples, 0.0, 0.1, trials):N0}");
            table.AddRow("trials/s, last tenth", $"{Rate(samples, 0.9, 1.0, trials):N0}");
            table.AddRow("store lag, worst (journal events)", $"{watch.WorstEvents:N0}");
            table.AddRow("store lag, worst (s)", $"{watch.WorstSeconds:0.00}");
            table.AddRow("working set, at 10% (MB)", $"{MemoryAt(samples, 0.1, trials) / 1e6:N0}");
            table.AddRow("working set, at 100% (MB)", $"{MemoryAt(samples, 1.0, trials) / 1e6:N0}");
            Out.Write(table);
            return (result.Interrupted ? Interrupted : 0, trials / settled, location.Provider);
        }
        finally
        {
            await stopWatching.CancelAsync();
            try
            {
                await watching;
            }
            finally
            {
                if (temporary is not null)
                    foreach (var file in new[] { temporary, temporary + "-wal", temporary + "-shm" }) File.Delete(file);
            }
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

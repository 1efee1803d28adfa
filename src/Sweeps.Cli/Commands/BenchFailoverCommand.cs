using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Core.Lifecycle;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

public sealed class BenchFailoverSettings : CommonSettings
{
    [CommandOption("--repeats <N>")]
    [Description("How many times to kill a worker (a fresh cluster each time).")]
    [DefaultValue(5)]
    public int Repeats { get; init; } = 5;

    [CommandOption("--trial-ms <MS>")]
    [Description("How long each noop trial sleeps, so that the killed worker is mid-trial.")]
    [DefaultValue(2000)]
    public int TrialMs { get; init; } = 2000;

    [CommandOption("--coordinator")]
    [Description("Kill the active coordinator instead of a worker: seconds to the standby's first journal write (two coordinator processes, one worker).")]
    public bool Coordinator { get; init; }

    public override ValidationResult Validate() =>
        Repeats < 1 ? ValidationResult.Error($"--repeats: {Repeats} is too few; give 1 or more")
        : TrialMs < 100 ? ValidationResult.Error($"--trial-ms: {TrialMs} is too short for a worker to be killed mid-trial; give 100 or more")
        : base.Validate();
}

/// <summary>
/// <c>sweeps bench failover</c>: seconds from <c>kill -9</c> of a worker process mid-trial to all of its trials being
/// handed to the surviving worker. The coordinator runs in this process on SQLite; two worker processes of two slots.
/// With <c>--coordinator</c>: seconds from <c>kill -9</c> of the active coordinator to the standby's first journal write.
/// </summary>
public sealed class BenchFailoverCommand : SweepsCommand<BenchFailoverSettings>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected override async Task<int> RunAsync(BenchFailoverSettings settings, CancellationToken interruption)
    {
        if (settings.Coordinator) return await CoordinatorAsync(settings, interruption);
        var table = new Table().Border(TableBorder.Simple).Title("kill -9 of a worker mid-trial to its trials handed to the survivor");
        foreach (var column in new[] { "kill", "trials it held", "seconds" }) table.AddColumn(new TableColumn(column).RightAligned());
        var seconds = new List<double>();
        var jobs = BuiltInJobs.Create();
        for (var repeat = 1; repeat <= settings.Repeats && !interruption.IsCancellationRequested; repeat++)
        {
            await using var cluster = await LocalCluster.StartAsync(jobs);
            var victim = cluster.StartWorker("victim", slots: 2);
            cluster.StartWorker("survivor", slots: 2);
            var spec = SpecLoader.Parse(
                $"name: failover\njob: noop\nsampler: random\ntrials: 200\nparameters: {{sleep_ms: {settings.TrialMs}}}\n", "bench", jobs).Single();
            await cluster.Coordinator.SubmitAsync([spec]);
            var store = cluster.Store;
            await Until(() => Running(store, "victim").Count > 0 && Running(store, "survivor").Count > 0, interruption);

            LocalCluster.KillHard(victim);
            var clock = Stopwatch.StartNew();
            // What the victim finished just before it died is recorded, not lost; read what it held once the store caught up.
            await Task.Delay(TimeSpan.FromSeconds(1), interruption);
            var held = Running(store, "victim");
            await Until(() => store.ReadTrials("failover").Where(t => held.Contains(t.Index)).All(t => t.Worker != "victim"), interruption);
            seconds.Add(clock.Elapsed.TotalSeconds);
            table.AddRow(repeat.ToString(), held.Count.ToString(), $"{seconds[^1]:0.0}");
        }
        if (seconds.Count > 0)
            table.AddRow("median", "", $"{MathNet.Numerics.Statistics.Statistics.Median(seconds):0.0}");
        Out.Write(table);
        return 0;
    }

    /// <summary>kill -9 of the active coordinator to the standby's first journal write, a fresh cluster each time.</summary>
    private async Task<int> CoordinatorAsync(BenchFailoverSettings settings, CancellationToken interruption)
    {
        var table = new Table().Border(TableBorder.Simple).Title("kill -9 of the active coordinator to the standby's first journal write");
        foreach (var column in new[] { "kill", "seconds" }) table.AddColumn(new TableColumn(column).RightAligned());
        var seconds = new List<double>();
        for (var repeat = 1; repeat <= settings.Repeats && !interruption.IsCancellationRequested; repeat++)
        {
            await using var bench = new CoordinatorFailoverBench();
            seconds.Add(await bench.RunAsync(Math.Min(settings.TrialMs, 200), interruption));
            table.AddRow(repeat.ToString(), $"{seconds[^1]:0.0}");
        }
        if (seconds.Count > 0)
            table.AddRow("median", $"{MathNet.Numerics.Statistics.Statistics.Median(seconds):0.0}");
        Out.Write(table);
        return 0;
    }

    private static HashSet<long> Running(ResultStore store, string worker) =>
        store.ReadTrials("failover").Where(t => t.Worker == worker && t.Status == TrialStatus.Running).Select(t => t.Index).ToHashSet();

    private static async Task Until(Func<bool> done, CancellationToken interruption)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the failover benchmark waited {Patience.TotalSeconds:0} s in vain");
            await Task.Delay(50, interruption);
        }
    }
}

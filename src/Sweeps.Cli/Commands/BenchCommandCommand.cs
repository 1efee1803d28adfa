using System.ComponentModel;
using System.Diagnostics;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Command;
using Sweeps.Core.Spec;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

public sealed class BenchCommandSettings : CommonSettings
{
    [CommandOption("--trials <N>")]
    [Description("Trials in the command sweep, and programs the shell loop starts.")]
    [DefaultValue(1000)]
    public int Trials { get; init; } = 1000;

    [CommandOption("--work-dir <FOLDER>")]
    [Description("Where the sweeps keep their files, in a new folder deleted at the end (default: the temp folder). Making a trial's folders is part of its cost: give the disk your workers use.")]
    public string? WorkDir { get; init; }

    [CommandOption("--workers <N>")]
    [Description("Trial slots, and shell loops side by side (default: the number of cores).")]
    public int? Workers { get; init; }

    public override ValidationResult Validate() =>
        Trials < 1 ? ValidationResult.Error($"--trials: {Trials} is too few; give 1 or more")
        : Workers is < 1 or > 1024 ? ValidationResult.Error($"--workers: {Workers} is out of range; give 1 to 1024")
        : WorkDir is { } folder && !Directory.Exists(folder) ? ValidationResult.Error($"--work-dir: {folder} is not a folder on this machine")
        : base.Validate();
}

/// <summary>
/// <c>sweeps bench command</c>: the cost of a command trial against the floor of starting a program at all. It runs a
/// <c>command: ["true"]</c> sweep embedded (SQLite beside its trial folders) and, in the same run, shell loops that start
/// <c>true</c> as many times, as many loops side by side as the sweep has slots; prints both rates and their ratio.
/// </summary>
/// <remarks>
/// A trial makes two folders and its parameters file (the loop makes none), so the disk under <c>--work-dir</c> is part
/// of what is measured: on a busy ext4 disk without a journal making them costs more than starting the program. The
/// measured runs come after a warm-up and after the compiler has settled.
/// </remarks>
public sealed class BenchCommandCommand : SweepsCommand<BenchCommandSettings>
{
    protected override async Task<int> RunAsync(BenchCommandSettings settings, CancellationToken interruption)
    {
        var slots = settings.Workers ?? Environment.ProcessorCount;
        var truePath = File.Exists("/usr/bin/true") ? "/usr/bin/true" : "/bin/true";
        // Every sweep's files stay until the end: deleting thousands of files just before a measured sweep slows the
        // files it makes (ext4 without a journal, for one, skips inodes freed in the last 30 s one by one).
        var folder = settings.WorkDir is { } under
            ? Directory.CreateDirectory(Path.Combine(Path.GetFullPath(under), $"sweeps-bench-command-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("sweeps-bench-command-").FullName;
        double? sweep, noop;
        double loop, loopAgain;
        try
        {
            // Each node started compiles new code of its own (the store's queries, actors) whatever came before, so the
            // warm-up is short: it compiles the job's and the loop's code, and the wait after it lets the compiler finish.
            var warmUp = Math.Min(settings.Trials, 200);
            await SweepAsync(Path.Combine(folder, "warm-up"), warmUp, slots, truePath, interruption);
            await SweepAsync(Path.Combine(folder, "warm-up-noop"), warmUp, slots, truePath, interruption, noop: true);
            await JitSettledAsync(interruption);
            loop = ShellLoop(settings.Trials, slots, truePath);
            sweep = await SweepAsync(Path.Combine(folder, "command"), settings.Trials, slots, truePath, interruption);
            if (sweep is null) return Interrupted;
            loopAgain = ShellLoop(settings.Trials, slots, truePath); // before and after: the machine's load drifts
            noop = await SweepAsync(Path.Combine(folder, "noop"), settings.Trials, slots, truePath, interruption, noop: true); // the orchestrator's own ceiling
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var floor = settings.Trials / ((loop + loopAgain) / 2);
        var rate = settings.Trials / sweep.Value;
        var table = new Table().Border(TableBorder.Simple).Title($"{settings.Trials:N0} runs of {truePath}, {slots} at a time; trial folders under {Markup.Escape(Path.GetDirectoryName(folder)!)}");
        table.AddColumn("how").AddColumn(new TableColumn("seconds").RightAligned()).AddColumn(new TableColumn("runs/s").RightAligned());
        table.AddRow("shell loop (before)", $"{loop:0.00}", $"{settings.Trials / loop:N0}");
        table.AddRow("command sweep, first trial done to last", $"{sweep:0.00}", $"{rate:N0}");
        table.AddRow("shell loop (after)", $"{loopAgain:0.00}", $"{settings.Trials / loopAgain:N0}");
        if (noop is { } seconds) table.AddRow("noop sweep (no program: the orchestrator alone)", $"{seconds:0.00}", $"{settings.Trials / seconds:N0}");
        Out.Write(table);
        Out.MarkupLine($"ratio command sweep / shell loop, runs/s: [green]{rate / floor:0.00}[/] ({rate:N0} / {floor:N0})");
        return 0;
    }

    /// <summary>
    /// Waits (at most a minute) until no method has been compiled for a second: after the warm-up, tiered compilation
    /// recompiles the hot methods of the whole node in the background, seconds of a core on a busy machine, which would
    /// otherwise run during the measured sweep (and the shell loop) and measure the compiler instead.
    /// </summary>
    private static async Task JitSettledAsync(CancellationToken interruption)
    {
        var clock = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < TimeSpan.FromSeconds(1) && clock.Elapsed < TimeSpan.FromMinutes(1) && !interruption.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled) quiet.Restart();
            compiled = now;
        }
    }

    /// <returns>Seconds for the loops to start <c>true</c> <paramref name="runs"/> times in all.</returns>
    private static double ShellLoop(int runs, int loops, string truePath)
    {
        var each = Enumerable.Range(0, loops).Select(i => runs / loops + (i < runs % loops ? 1 : 0));
        var script = string.Join("\n", each.Select(n => $"(i=0; while [ $i -lt {n} ]; do {truePath}; i=$((i+1)); done) &")) + "\nwait\n";
        var clock = Stopwatch.StartNew();
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false })!;
        shell.WaitForExit();
        return clock.Elapsed.TotalSeconds;
    }

    /// <returns>Seconds the sweep's trials took at the rate measured from the first done to the last, or null when interrupted.</returns>
    private static async Task<double?> SweepAsync(string folder, int trials, int slots, string truePath, CancellationToken interruption, bool noop = false)
    {
        Directory.CreateDirectory(folder);
        var jobs = BuiltInJobs.Create(CommandPermission.Only([truePath]), BuiltInJobs.DefaultKillGrace);
        var job = noop ? "job: noop" : $"job: command\ncommand: [\"{truePath}\"]";
        var spec = SpecLoader.Parse($"name: bench-command\n{job}\nsampler: random\ntrials: {trials}\nseed: 1\n", "bench", jobs).Single();
        var options = new SweepsNodeOptions(StoreLocation.Parse(Path.Combine(folder, "bench.db")))
        {
            Worker = new WorkerOptions { Slots = slots, WorkDirectory = Path.Combine(folder, "work") },
        };
        // From the first trial done to the last: the node's start and stop are the same for any job and not measured.
        var clock = Stopwatch.StartNew();
        (double Seconds, long Done)? first = null, last = null;
        var result = await EmbeddedRun.RunAsync(options, jobs, [spec], p =>
        {
            var done = p.Sum(s => s.Done);
            if (done > 0) first ??= (clock.Elapsed.TotalSeconds, done);
            if (done >= trials) last ??= (clock.Elapsed.TotalSeconds, done);
        }, TimeSpan.FromMilliseconds(20), interruption);
        if (result.Interrupted || first is not { } start || last is not { } end) return null;
        // All done within one look: too fast to see a first trial apart from the rest, so from the start.
        return end.Done == start.Done ? end.Seconds : (end.Seconds - start.Seconds) * trials / (end.Done - start.Done);
    }
}

using System.ComponentModel;
using Serilog;
using Spectre.Console;
using Spectre.Console.Cli;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Server;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

public sealed class CoordinatorSettings : ClusterSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Port to listen on (default 4053; $SWEEPS_PORT, sweeps.coordinator.port).")]
    public int? PortFlag { get; init; }

    [CommandOption("--slots <N>")]
    [Description("Also run trials on this node, N at once (default 0: coordinate only; sweeps.coordinator.slots).")]
    public int? SlotsFlag { get; init; }

    [CommandOption("--lease-seconds <S>")]
    [Description("A trial whose worker sends no heartbeat for this long runs again elsewhere (default 30; sweeps.coordinator.lease-seconds).")]
    public double? LeaseSecondsFlag { get; init; }

    [CommandOption("--max-attempts <N>")]
    [Description("Times a trial may lose its worker before it is marked failed (default 3; sweeps.coordinator.max-attempts).")]
    public int? MaxAttemptsFlag { get; init; }

    [CommandOption("--http-port <PORT>")]
    [Description("Port of the HTTP API that clients (sweeps submit, curl) use, on --host (default 4080; 0: no API; $SWEEPS_HTTP_PORT, sweeps.coordinator.http-port).")]
    public int? HttpPortFlag { get; init; }

    public int HttpPort => (int)(Config.Number("coordinator.http-port", HttpPortFlag, "SWEEPS_HTTP_PORT") ?? 4080);

    public int Port => (int)(Config.Number("coordinator.port", PortFlag, "SWEEPS_PORT") ?? 4053);
    public int Slots => (int)(Config.Number("coordinator.slots", SlotsFlag, "SWEEPS_SLOTS") ?? 0);
    public double LeaseSeconds => Config.Number("coordinator.lease-seconds", LeaseSecondsFlag, "SWEEPS_LEASE_SECONDS") ?? 30;
    public int MaxAttempts => (int)(Config.Number("coordinator.max-attempts", MaxAttemptsFlag, "SWEEPS_MAX_ATTEMPTS") ?? 3);

    public override ValidationResult Validate()
    {
        var general = base.Validate();
        if (!general.Successful) return general;
        if (Port is < 1 or > 65535) return ValidationResult.Error($"--port: {Port} is not a port; give 1 to 65535");
        if (HttpPort is < 0 or > 65535) return ValidationResult.Error($"--http-port: {HttpPort} is not a port; give 1 to 65535, or 0 for no HTTP API");
        if (Slots is < 0 or > 1024) return ValidationResult.Error($"--slots: {Slots} is out of range; give 0 to 1024");
        if (LeaseSeconds is < 1 or > 86400) return ValidationResult.Error($"--lease-seconds: {LeaseSeconds} is out of range; give 1 to 86400");
        if (MaxAttempts is < 1 or > 100) return ValidationResult.Error($"--max-attempts: {MaxAttempts} is out of range; give 1 to 100");
        return general;
    }
}

/// <summary>
/// <c>sweeps coordinator</c>: a node with the coordinator role. The coordinator runs as a cluster singleton; a second
/// coordinator node is a warm standby that takes over, recovering from the journal, when the first dies.
/// </summary>
public sealed class CoordinatorCommand : SweepsCommand<CoordinatorSettings>
{
    protected override async Task<int> RunAsync(CoordinatorSettings settings, CancellationToken interruption)
    {
        var store = settings.OpenStore();
        if (store.Location.Provider == StoreProvider.Sqlite && !settings.IsLoopback)
            throw new UsageException($"--db: SQLite ({store.Location.Display}) lives on one machine, but --host {settings.Host} lets other machines join; " +
                "give a PostgreSQL connection string (--db \"Host=...;Database=...;Username=...\") for a cluster across machines, or listen on 127.0.0.1");
        var self = $"{settings.PublicHost ?? settings.Host}:{settings.Port}";
        if (settings.Config.Path is { } file) Log.Information("Settings from {File}", file);
        var options = new SweepsNodeOptions(store.Location)
        {
            Cluster = settings.Node(settings.Port, [ClusterNodeOptions.CoordinatorRole, .. settings.Slots > 0 ? new[] { ClusterNodeOptions.WorkerRole } : []],
                settings.Seeds.Count > 0 ? settings.Seeds : new[] { self }),
            Worker = settings.Slots > 0 ? new WorkerOptions { Slots = settings.Slots, Cluster = settings.ClusterName } : null,
            Coordinator = new CoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(settings.LeaseSeconds), MaxLosses = settings.MaxAttempts, Cluster = settings.ClusterName },
        };
        var jobs = Cluster.Hosting.KnownJobs.Create();
        SweepsNode? current = null;
        await using var api = settings.HttpPort == 0 ? null : await StartApiAsync(settings, options, () => current?.Coordinator, store, jobs);
        await NodeLifetime.RunAsync(
            async () =>
            {
                var node = current = await SweepsNode.StartAsync(options, jobs);
                Log.Information("Coordinator node listening on {Address}, store {Store}; workers join with: sweeps worker --seed {Self}", self, store.Location, self);
                return node;
            },
            needsCoordinator: false,
            async node =>
            {
                Log.Information("Leaving the cluster; a standby coordinator takes over if there is one");
                if (settings.Slots > 0) await node.StopWorkerAsync(TimeSpan.FromSeconds(30));
            },
            interruption);
        return 0;
    }

    /// <summary>The HTTP API beside the node; it asks whichever node is current (a node that rejoins has a new coordinator proxy).</summary>
    private static async Task<SweepsApiHost> StartApiAsync(CoordinatorSettings settings, SweepsNodeOptions node, Func<Akka.Actor.IActorRef?> coordinator, ResultStore store, Core.Jobs.JobRegistry jobs)
    {
        try
        {
            return await SweepsApiHost.StartAsync(new SweepsApiOptions { Address = settings.Host, Port = settings.HttpPort, Tls = node.Cluster?.Tls }, coordinator, store, jobs);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

using System.ComponentModel;
using Serilog;
using Spectre.Console.Cli;
using Sweeps.Cluster.Coordination;
using Sweeps.Cluster.Hosting;
using Sweeps.Cluster.Workers;
using Sweeps.Cli.Settings;
using Sweeps.Server;
using Sweeps.Store;

namespace Sweeps.Cli.Commands;

public sealed class CoordinatorSettings : ClusterSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Cluster port to listen on (default 4053; $SWEEPS_COORDINATOR__PORT, Coordinator:Port).")]
    public int? PortFlag { get; init; }

    [CommandOption("--slots <N>")]
    [Description("Also run trials on this node, N at once (default 0: coordinate only; Coordinator:Slots).")]
    public int? SlotsFlag { get; init; }

    [CommandOption("--lease-seconds <S>")]
    [Description("A trial whose worker sends no heartbeat for this long runs again elsewhere (default 30; Coordinator:LeaseSeconds).")]
    public double? LeaseSecondsFlag { get; init; }

    [CommandOption("--http-port <PORT>")]
    [Description("Port of the HTTP API that clients (sweeps submit, curl) use, on --host (default 4080; 0: no API; $SWEEPS_COORDINATOR__HTTPPORT, Coordinator:HttpPort).")]
    public int? HttpPortFlag { get; init; }

    [CommandOption("--max-attempts <N>")]
    [Description("Times a trial may lose its worker before it is marked failed (default 3; Coordinator:MaxAttempts).")]
    public int? MaxAttemptsFlag { get; init; }

    protected override Dictionary<string, string?> Flags()
    {
        var flags = base.Flags();
        Put(flags, "Coordinator:Port", PortFlag);
        Put(flags, "Coordinator:Slots", SlotsFlag);
        Put(flags, "Coordinator:LeaseSeconds", LeaseSecondsFlag);
        Put(flags, "Coordinator:MaxAttempts", MaxAttemptsFlag);
        Put(flags, "Coordinator:HttpPort", HttpPortFlag);
        return flags;
    }

    /// <summary>The coordinator's settings, checked; a bad one is a <see cref="UsageException"/>.</summary>
    public CoordinatorNodeSettings Coordinator
    {
        get
        {
            var c = Node.Coordinator;
            if (c.Port is < 1 or > 65535) throw new UsageException($"--port: {c.Port} is not a port; give 1 to 65535");
            if (c.HttpPort is < 0 or > 65535) throw new UsageException($"--http-port: {c.HttpPort} is not a port; give 1 to 65535, or 0 for no HTTP API");
            if (c.Slots is < 0 or > 1024) throw new UsageException($"--slots: {c.Slots} is out of range; give 0 to 1024");
            if (c.LeaseSeconds is < 1 or > 86400) throw new UsageException($"--lease-seconds: {c.LeaseSeconds} is out of range; give 1 to 86400");
            if (c.MaxAttempts is < 1 or > 100) throw new UsageException($"--max-attempts: {c.MaxAttempts} is out of range; give 1 to 100");
            return c;
        }
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
        var coordinator = settings.Coordinator;
        var node = settings.Node;
        var self = $"{node.PublicHost ?? node.Host}:{coordinator.Port}";
        var cluster = settings.ClusterNode(coordinator.Port,
            [ClusterNodeOptions.CoordinatorRole, .. coordinator.Slots > 0 ? new[] { ClusterNodeOptions.WorkerRole } : []],
            SelfFirst(self, node.Seeds));
        var store = settings.OpenStore();
        if (store.Location.Provider == StoreProvider.Sqlite && !NodeSecurity.IsLoopback(node.Host))
            throw new UsageException($"--db: SQLite ({store.Location.Display}) lives on one machine, but --host {node.Host} lets other machines join; " +
                "give a PostgreSQL connection string (--db \"Host=...;Database=...;Username=...\") for a cluster across machines, or listen on 127.0.0.1");
        if (settings.SettingsFile is { } file) Log.Information("Settings from {File}", file);
        var jobs = Plugins.JobPlugins.Registry(settings.JobsFlags, out var plugins);
        var options = new SweepsNodeOptions(store.Location)
        {
            Cluster = cluster,
            Worker = coordinator.Slots > 0 ? new WorkerOptions { Slots = coordinator.Slots, Cluster = node.Cluster, Plugins = plugins } : null,
            Coordinator = new CoordinatorOptions { LeaseDuration = TimeSpan.FromSeconds(coordinator.LeaseSeconds), MaxLosses = coordinator.MaxAttempts, Cluster = node.Cluster },
        };
        SweepsNode? current = null;
        await using var api = coordinator.HttpPort == 0 ? null : await StartApiAsync(node, coordinator.HttpPort, options, () => current?.Coordinator, store, jobs);
        await NodeRunner.RunAsync(async () =>
        {
            var started = current = await SweepsNode.StartAsync(options, jobs);
            Log.Information("Coordinator node listening on {Address}, store {Store}; workers join with: sweeps worker --seed {Self}", self, store.Location, self);
            return started;
        }, interruption);
        Log.Information("Left the cluster; a standby coordinator takes over if there is one");
        return 0;
    }

    /// <summary>
    /// This coordinator's own address first, then the other seeds: Akka lets only the first seed start a cluster, and
    /// only after asking the others, so a coordinator joins a live cluster when one answers and starts one when none does.
    /// </summary>
    internal static IReadOnlyList<string> SelfFirst(string self, IReadOnlyList<string> seeds) =>
        [self, .. seeds.Where(s => !string.Equals(s, self, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The HTTP API beside the node; it asks whichever node is current (a node that rejoins has a new coordinator proxy).</summary>
    private static async Task<SweepsApiHost> StartApiAsync(NodeSettings settings, int port, SweepsNodeOptions node, Func<Akka.Actor.IActorRef?> coordinator, ResultStore store, Core.Jobs.JobRegistry jobs)
    {
        try
        {
            return await SweepsApiHost.StartAsync(new SweepsApiOptions { Address = settings.Host, Port = port, Tls = node.Cluster?.Tls }, coordinator, store, jobs);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException(e.Message);
        }
    }
}

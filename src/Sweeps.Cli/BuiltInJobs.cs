using Sweeps.Command;
using Sweeps.Core.Jobs;

namespace Sweeps.Cli;

/// <summary>
/// Every job kind this build of Sweeps can run. The command line is the composition root: it hands this registry to
/// the node, so the orchestrator (Sweeps.Cluster) knows no job library.
/// </summary>
public static class BuiltInJobs
{
    public static readonly TimeSpan DefaultKillGrace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Every kind, to check and schedule specs (submit, schema, a coordinator): <c>command</c> is known, but this
    /// registry runs no program (a node that runs trials with it refuses command trials with the reason).
    /// </summary>
    public static JobRegistry Create() => Create(CommandPermission.None, DefaultKillGrace);

    /// <summary>Every kind, <c>command</c> running the programs <paramref name="commands"/> allows.</summary>
    public static JobRegistry Create(CommandPermission commands, TimeSpan killGrace)
    {
        var registry = WithoutCommands().Register(CommandJob.Definition(commands, killGrace));
        return registry;
    }

    /// <summary>The kinds a worker runs: <c>command</c> only when it was started with <c>--allow-commands</c>.</summary>
    public static JobRegistry ForWorker(CommandPermission commands, TimeSpan killGrace) =>
        commands.AllowsSome ? Create(commands, killGrace) : WithoutCommands();

    private static JobRegistry WithoutCommands()
    {
        var registry = new JobRegistry().Register(NoopJob.Definition);
        Geometry.GeometryJobs.Register(registry);
        Lstm.LstmJobs.Register(registry);
        registry.Register(Search.Functions.FunctionJob.Definition);
        return registry;
    }
}

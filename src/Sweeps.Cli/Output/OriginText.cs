using Sweeps.Core.Lifecycle;

namespace Sweeps.Cli.Output;

/// <summary>A sweep's origin as <c>status</c> shows it; parts not recorded (older sweeps, a folder outside git) say so.</summary>
internal static class OriginText
{
    public static string Who(SweepOrigin? origin) => (origin?.User, origin?.Host) switch
    {
        (null, null) => "not recorded",
        ({ } user, { } host) => $"{user} on {host}",
        ({ } user, null) => user,
        (null, { } host) => $"(unknown user) on {host}",
    };

    public static string Commit(SweepOrigin? origin) => origin switch
    {
        null => "not recorded",
        { GitCommit: null } => "none (the spec's folder is not in a git repository, or git is not installed)",
        { GitCommit: var commit, GitDirty: true } => $"{commit} (with uncommitted changes)",
        { GitCommit: var commit, GitDirty: false } => $"{commit} (clean)",
        { GitCommit: var commit } => commit!,
    };
}

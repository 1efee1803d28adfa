namespace Sweeps.Core.Lifecycle;

/// <summary>
/// Where a sweep came from, recorded when it is submitted: the Sweeps version that submitted it, the host and user,
/// and the git commit of the spec's folder (with whether the work tree had uncommitted changes) when it is in a
/// repository. Every part may be unknown (null): an old journal, a request that did not say, a folder outside git.
/// </summary>
public sealed record SweepOrigin(string? Version, string? Host, string? User, string? GitCommit = null, bool? GitDirty = null)
{
    /// <summary>Longest text kept for any part; anything longer is cut (these cross process boundaries).</summary>
    public const int MaxLength = 200;

    /// <summary>The same origin with every text cut to <see cref="MaxLength"/> and control characters replaced.</summary>
    public SweepOrigin Bounded() => new(Clean(Version), Clean(Host), Clean(User), Clean(GitCommit), GitDirty);

    public bool IsEmpty => Version is null && Host is null && User is null && GitCommit is null && GitDirty is null;

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cut = text.Trim();
        if (cut.Length > MaxLength) cut = cut[..MaxLength];
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
    }
}

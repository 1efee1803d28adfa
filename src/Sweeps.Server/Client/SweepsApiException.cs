namespace Sweeps.Server.Client;

/// <summary>
/// The API said no, or no listed server answered. <see cref="Status"/> is the HTTP status, null when no server could be
/// reached; <see cref="Problems"/> lists a refused spec's problems.
/// </summary>
public sealed class SweepsApiException(int? status, string message, IReadOnlyList<string>? problems = null) : Exception(message)
{
    public int? Status { get; } = status;

    public IReadOnlyList<string> Problems { get; } = problems ?? [];

    public bool Unreachable => Status is null or 503;
}

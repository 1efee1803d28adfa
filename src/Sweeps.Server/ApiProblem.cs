namespace Sweeps.Server;

/// <summary>A request the API refuses: the status code and the sentence the caller sees as <c>{"error": ...}</c>.</summary>
public sealed class ApiProblem(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public IReadOnlyList<string>? Problems { get; init; }

    public IReadOnlyList<Cluster.Messages.SubmittedSweep>? Sweeps { get; init; }
}

namespace Sweeps.Core.Jobs;

/// <summary>A registered job kind: its name in specs (<c>geometry.shell-fraction</c>), what it takes and reports, and how to make one.</summary>
public sealed record JobDefinition(
    string Kind,
    string Description,
    IReadOnlyList<JobParameter> Parameters,
    IReadOnlyList<string> Metrics,
    Func<IJob> Create)
{
    public JobParameter? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}

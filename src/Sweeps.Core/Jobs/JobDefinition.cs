namespace Sweeps.Core.Jobs;

/// <summary>A registered job kind: its name in specs (<c>geometry.shell-fraction</c>), what it takes and reports, and how to make one.</summary>
public sealed record JobDefinition(
    string Kind,
    string Description,
    IReadOnlyList<JobParameter> Parameters,
    IReadOnlyList<string> Metrics,
    Func<IJob> Create)
{
    /// <summary>
    /// Checks one point's parameters together, without running (limits that tie parameters to each other, such as
    /// k at most train); throws <see cref="Parameters.JobParameterException"/>. The spec runs it over the sweep's points.
    /// </summary>
    public Action<Parameters.TrialParameters>? CheckPoint { get; init; }

    public JobParameter? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}

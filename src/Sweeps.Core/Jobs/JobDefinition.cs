namespace Sweeps.Core.Jobs;

/// <summary>A registered job kind: its name in specs (<c>geometry.shell-fraction</c>), what it takes and reports, and how to make one.</summary>
/// <param name="Kind">The name specs use in <c>job:</c>; a plugin's kind must not clash with a built-in one (prefix it: <c>myproject.train</c>).</param>
/// <param name="Description">One sentence, shown by <c>sweeps schema</c>.</param>
/// <param name="Parameters">Every parameter the job takes; a spec naming any other is refused before it runs.</param>
/// <param name="Metrics">The metrics it reports, for <c>objective:</c> and for the columns of <c>sweeps query</c>.</param>
/// <param name="Create">Makes a job for one trial (called once a trial, on the trial's thread).</param>
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

    /// <summary>Keys this job takes in the spec beside the common ones (<c>command:</c>), checked and handed to it with each trial.</summary>
    public IReadOnlyList<JobSetting> Settings { get; init; } = [];

    /// <summary>
    /// True for a job that takes parameters of any name and kind (a program given them as placeholders and variables);
    /// <see cref="Parameters"/> then lists none and the spec checks only the names.
    /// </summary>
    public bool TakesAnyParameters { get; init; }

    /// <summary>
    /// What the job's steps count (<c>epoch</c>) when it runs in steps: it reports intermediate metrics by step, stops after
    /// <see cref="JobContext.StopAtStep"/> and continues from its checkpoint when run again, so a <c>scheduler:</c> can judge
    /// and pause it. Null for a job that runs in one piece.
    /// </summary>
    public string? Steps { get; init; }

    public JobSetting? FindSetting(string name) => Settings.FirstOrDefault(s => s.Name == name);

    /// <summary>The parameter of that name, or null.</summary>
    public JobParameter? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}

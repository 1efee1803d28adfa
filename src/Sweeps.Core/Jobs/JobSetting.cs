namespace Sweeps.Core.Jobs;

/// <summary>
/// A key a job kind takes in the spec beside the keys every sweep has (<c>command:</c> for job <c>command</c>). The spec
/// keeps what was given as <see cref="JobSettingValue"/>s, the coordinator hands them to workers with each trial, and the
/// job reads them from <see cref="JobContext.Settings"/>. Another job's sweep giving this key is refused.
/// </summary>
public sealed record JobSetting(string Name, JobSettingShape Shape, string Description, bool Required = false)
{
    /// <summary>
    /// Checks a given value without running, against the names of the sweep's parameters; returns what is wrong (none
    /// when it is fine). The spec reports each at the line of the item it names (or of the key).
    /// </summary>
    public Func<JobSettingValue, IReadOnlyCollection<string>, IEnumerable<SettingProblem>>? Check { get; init; }
}

/// <summary>A setting is a single text (<c>working_dir: /srv/project</c>) or a list of texts (<c>command: [python3, train.py]</c>).</summary>
public enum JobSettingShape
{
    Text,
    TextList,
}

/// <summary>What is wrong with a setting's value; <paramref name="Item"/> is the list item it concerns, if one.</summary>
public sealed record SettingProblem(string Problem, string Hint, int? Item = null);

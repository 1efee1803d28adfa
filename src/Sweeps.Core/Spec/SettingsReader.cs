using Sweeps.Core.Jobs;
using YamlDotNet.RepresentationModel;

namespace Sweeps.Core.Spec;

/// <summary>
/// Reads the keys a job takes beside the common ones (<see cref="JobDefinition.Settings"/>, e.g. <c>command:</c>) and
/// <c>timeout:</c>, which any sweep may give; a key that belongs to another job is refused with the job it belongs to.
/// </summary>
internal sealed class SettingsReader(SpecProblems problems, JobRegistry jobs)
{
    /// <summary>Every key some registered job takes, for the check of unknown keys.</summary>
    public IEnumerable<string> Known => jobs.Definitions.SelectMany(j => j.Settings).Select(s => s.Name).Distinct();

    public IReadOnlyList<JobSettingValue> Read(YamlMappingNode sweep, JobDefinition? job, IReadOnlyCollection<string> parameterNames)
    {
        var values = new List<JobSettingValue>();
        foreach (var name in Known)
        {
            if (job?.FindSetting(name) is not null || SweepReader.KeyOf(sweep, name) is not { } key) continue;
            if (job is null) continue; // the job is unknown: that is the problem to report
            var owners = jobs.Definitions.Where(j => j.FindSetting(name) is not null).Select(j => j.Kind);
            problems.Add(key, name, $"is taken only by job {string.Join(", ", owners)}, not by '{job.Kind}'", $"remove {name}:, or use job: {owners.First()}");
        }
        if (job is null) return values;
        foreach (var setting in job.Settings)
        {
            var node = SweepReader.Find(sweep, setting.Name);
            if (node is null || node is YamlScalarNode empty && SpecScalar.IsEmpty(empty))
            {
                if (setting.Required)
                    problems.Add(node ?? sweep, setting.Name, node is null ? $"is missing: job '{job.Kind}' needs it" : "has no value",
                        $"add {setting.Name}: {Example(setting)} ({setting.Description})");
                continue;
            }
            if (ReadOne(setting, node) is not { } value) continue;
            var before = problems.Count;
            foreach (var problem in setting.Check?.Invoke(value, parameterNames) ?? [])
            {
                var at = problem.Item is { } item && node is YamlSequenceNode list && item < list.Children.Count ? list.Children[item] : node;
                var field = problem.Item is { } i && value.IsList ? $"{setting.Name}[{i}]" : setting.Name;
                problems.Add(at, field, problem.Problem, problem.Hint);
            }
            if (problems.Count == before) values.Add(value);
        }
        return values;
    }

    public TimeSpan? ReadTimeout(YamlMappingNode sweep)
    {
        var node = SweepReader.Find(sweep, "timeout");
        if (node is null || node is YamlScalarNode empty && SpecScalar.IsEmpty(empty)) return null;
        if (node is YamlScalarNode { Value: { } text } && SpecDuration.TryParse(text, out var timeout)) return timeout;
        problems.Add(node, "timeout", $"must be a length of time, got {SpecScalar.Describe(node)}", SpecDuration.Hint);
        return null;
    }

    private JobSettingValue? ReadOne(JobSetting setting, YamlNode node)
    {
        switch (setting.Shape, node)
        {
            case (JobSettingShape.Text, YamlScalarNode { Value: { } text }):
                return JobSettingValue.Text(setting.Name, text);
            case (JobSettingShape.TextList, YamlSequenceNode list):
                var items = new List<string>();
                foreach (var item in list.Children)
                {
                    if (item is YamlScalarNode { Value: { } text } scalar && !SpecScalar.IsEmpty(scalar)) items.Add(text);
                    else problems.Add(item, setting.Name, $"each item must be a single text, got {SpecScalar.Describe(item)}", $"e.g. {setting.Name}: {Example(setting)}");
                }
                return items.Count == list.Children.Count ? new JobSettingValue(setting.Name, items, true) : null;
            default:
                problems.Add(node, setting.Name, $"must be {(setting.Shape == JobSettingShape.Text ? "a single text" : "a list of texts")}, got {SpecScalar.Describe(node)}",
                    $"e.g. {setting.Name}: {Example(setting)}");
                return null;
        }
    }

    private static string Example(JobSetting setting) => setting.Shape == JobSettingShape.Text ? "<text>" : "[\"program\", \"argument\", ...]";
}

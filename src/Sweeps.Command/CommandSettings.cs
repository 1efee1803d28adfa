using Sweeps.Core.Jobs;

namespace Sweeps.Command;

/// <summary>The keys a <c>command</c> sweep gives beside the common ones, and their checks before anything runs.</summary>
public static class CommandSettings
{
    public static JobSetting Command { get; } = new("command", JobSettingShape.TextList,
        "the program and its arguments, each a text; {name} is replaced by the trial's parameter name ({{ and }} for braces)", Required: true)
    {
        Check = CheckCommand,
    };

    public static JobSetting WorkingDirectory { get; } = new("working_dir", JobSettingShape.Text,
        "the folder the program runs in, on the worker (default: a fresh folder per trial under the worker's --work-dir)")
    {
        Check = (value, _) => Path.IsPathFullyQualified(value.Single())
            ? []
            : [new SettingProblem($"must be an absolute path, got '{value.Single()}'", "working_dir is a folder on each worker, e.g. working_dir: /srv/project")],
    };

    private static IEnumerable<SettingProblem> CheckCommand(JobSettingValue value, IReadOnlyCollection<string> parameters)
    {
        if (value.Items.Count == 0 || value.Items[0].Trim().Length == 0)
        {
            yield return new SettingProblem("is empty: it must name a program", "e.g. command: [\"python3\", \"train.py\", \"--lr\", \"{learning_rate}\"]",
                value.Items.Count == 0 ? null : 0);
            yield break;
        }
        for (var i = 0; i < value.Items.Count; i++)
        {
            if (CommandTemplate.Problem(value.Items[i], parameters) is { } problem)
                yield return new SettingProblem(problem, parameters.Count == 0
                    ? "the sweep has no parameters; write {{ and }} for literal braces"
                    : Suggestion(parameters), i);
        }
        foreach (var clash in parameters.GroupBy(ParameterEnvironment.VariableName).Where(g => g.Count() > 1))
            yield return new SettingProblem($"parameters {string.Join(" and ", clash)} would both be ${clash.Key}",
                "give parameters names that differ in more than case and punctuation");
    }

    private static string Suggestion(IReadOnlyCollection<string> parameters) =>
        $"placeholders name the sweep's parameters: {string.Join(", ", parameters.Select(p => "{" + p + "}"))}; write {{{{ and }}}} for literal braces";
}

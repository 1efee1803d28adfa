using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;

namespace Sweeps.Command.Tests;

/// <summary>A command sweep's spec: its keys are read, checked before anything runs, and kept in the canonical text.</summary>
public sealed class CommandSpecTests
{
    private static JobRegistry Jobs() =>
        new JobRegistry().Register(NoopJob.Definition).Register(CommandJob.Definition(CommandPermission.None, TimeSpan.FromSeconds(10)));

    private const string Example = """
        name: my-model
        job: command
        command: ["python3", "train.py", "--lr", "{learning_rate}", "--layers", "{layers}"]
        working_dir: /srv/project
        timeout: 2h
        sampler: random
        trials: 50
        parameters:
          learning_rate: {min: 1.0e-4, max: 1.0e-1, scale: log}
          layers: [1, 2, 3]
        objective: {metric: valid_loss, goal: minimize}
        """;

    [Fact]
    public void The_issue_s_example_reads_with_its_command_working_dir_and_timeout()
    {
        var spec = SpecLoader.Parse(Example, "my-model.yaml", Jobs()).Single();

        Assert.Equal(["python3", "train.py", "--lr", "{learning_rate}", "--layers", "{layers}"], spec.Settings.Single(s => s.Name == "command").Items);
        Assert.Equal("/srv/project", spec.Settings.Single(s => s.Name == "working_dir").Single());
        Assert.Equal(TimeSpan.FromHours(2), spec.Timeout);
        Assert.Equal(new Objective("valid_loss", ObjectiveGoal.Minimize), spec.Objective);
    }

    [Fact]
    public void Command_working_dir_and_timeout_survive_the_canonical_text_and_count_in_the_fingerprint()
    {
        var spec = SpecLoader.Parse(Example, "my-model.yaml", Jobs()).Single();
        var canonical = SpecText.ToCanonicalYaml(spec);

        Assert.Contains("timeout: 2h\ncommand: [\"python3\", \"train.py\", \"--lr\", \"{learning_rate}\", \"--layers\", \"{layers}\"]\nworking_dir: \"/srv/project\"\n", canonical);
        var checkedAgain = SpecLoader.Parse(canonical, "journal", Jobs()).Single();
        var trusted = SpecLoader.ParseTrusted(canonical, "journal");
        Assert.Equal(canonical, SpecText.ToCanonicalYaml(checkedAgain));
        Assert.Equal(canonical, SpecText.ToCanonicalYaml(trusted));
        Assert.Equal(spec.Settings, trusted.Settings);
        Assert.Equal(spec.Timeout, trusted.Timeout);

        var changed = SpecLoader.Parse(Example.Replace("\"train.py\"", "\"train2.py\"").Replace("2h", "90m"), "my-model.yaml", Jobs()).Single();
        Assert.NotEqual(SpecText.Fingerprint(spec), SpecText.Fingerprint(changed));
        Assert.Equal([
            "timeout: stored 2h, now 90m",
            "command: stored [\"python3\", \"train.py\", \"--lr\", \"{learning_rate}\", \"--layers\", \"{layers}\"], now [\"python3\", \"train2.py\", \"--lr\", \"{learning_rate}\", \"--layers\", \"{layers}\"]",
        ], SpecDiff.Between(spec, changed));
    }

    [Fact]
    public void Any_job_may_have_a_timeout_and_a_spec_without_one_keeps_its_old_canonical_text()
    {
        var spec = SpecLoader.Parse("name: a\njob: noop\ntimeout: 500ms\n", "a.yaml", Jobs()).Single();
        Assert.Equal(TimeSpan.FromMilliseconds(500), spec.Timeout);
        Assert.Equal("name: a\njob: noop\nsampler: grid\nseed: 0\nreplicates: 1\nparameters: {}\n",
            SpecText.ToCanonicalYaml(SpecLoader.Parse("name: a\njob: noop\n", "a.yaml", Jobs()).Single()));
    }

    [Theory]
    [InlineData("command: [\"python3\", \"train.py\", \"--lr\", \"{lr}\"]", 3, "command[3]", "the placeholder {lr} names no parameter of the sweep", "{learning_rate}, {layers}")]
    [InlineData("command: []", 3, "command", "is empty: it must name a program", "e.g. command:")]
    [InlineData("command: [\"\"]", 3, "command[0]", "is empty: it must name a program", "e.g. command:")]
    [InlineData("command: [\"echo\", \"{learning_rate\"]", 3, "command[1]", "'{' at character 1 is not closed", "{{ and }}")]
    [InlineData("command: python3 train.py", 3, "command", "must be a list of texts, got 'python3 train.py'", "e.g. command: [\"program\"")]
    [InlineData("command: [\"python3\", [\"a\"]]", 3, "command", "each item must be a single text, got a list", "e.g. command:")]
    [InlineData("working_dir: srv/project\ncommand: [\"true\"]", 3, "working_dir", "must be an absolute path, got 'srv/project'", "working_dir is a folder on each worker")]
    [InlineData("timeout: 2 hours\ncommand: [\"true\"]", 3, "timeout", "must be a length of time, got '2 hours'", "e.g. timeout: 30s, 90m or 2h")]
    [InlineData("timeout: 0s\ncommand: [\"true\"]", 3, "timeout", "must be a length of time, got '0s'", "at most 30d")]
    [InlineData("timeout: 31d\ncommand: [\"true\"]", 3, "timeout", "must be a length of time, got '31d'", "at most 30d")]
    [InlineData("objective: {metric: \"valid loss\", goal: minimize}\ncommand: [\"true\"]", 3, "objective.metric", "'valid loss' is not a metric name", "e.g. valid_loss")]
    [InlineData("sampler: grid", 1, "command", "is missing: job 'command' needs it", "add command:")]
    public void A_command_sweep_s_mistakes_are_refused_before_running_with_line_and_hint(string lines, int line, string field, string problem, string hint)
    {
        var yaml = $"name: my-model\njob: command\n{lines}\nparameters:\n  learning_rate: [0.1, 0.01]\n  layers: [1, 2]\n";
        var error = Assert.Throws<SpecException>(() => SpecLoader.Parse(yaml, "my-model.yaml", Jobs()));

        var found = Assert.Single(error.Errors);
        Assert.Equal((line, field), (found.Line, found.Field));
        Assert.Equal(problem, found.Problem);
        Assert.Contains(hint, found.Hint);
    }

    [Fact]
    public void Command_is_refused_for_another_job()
    {
        var error = Assert.Throws<SpecException>(() => SpecLoader.Parse("name: a\njob: noop\ncommand: [\"true\"]\nworking_dir: /tmp\n", "a.yaml", Jobs()));

        Assert.Equal([
            (3, "command", "is taken only by job command, not by 'noop'"),
            (4, "working_dir", "is taken only by job command, not by 'noop'"),
        ], error.Errors.Select(e => (e.Line, e.Field, e.Problem)));
    }

    [Fact]
    public void Parameters_whose_variables_would_clash_are_refused()
    {
        var error = Assert.Throws<SpecException>(() =>
            SpecLoader.Parse("name: a\njob: command\ncommand: [\"true\"]\nparameters:\n  lr: 1\n  LR: 2\n", "a.yaml", Jobs()));

        Assert.Equal("parameters lr and LR would both be $SWEEPS_PARAM_LR", Assert.Single(error.Errors).Problem);
    }

    [Fact]
    public void Braces_doubled_are_literal_and_placeholders_are_filled_with_the_trial_s_values()
    {
        var spec = SpecLoader.Parse("name: a\njob: command\ncommand: [\"echo\", \"{{x}} is {x}\"]\nparameters:\n  x: [1.5]\n", "a.yaml", Jobs()).Single();
        var point = Core.Sampling.SamplerFactory.Create(spec).PointAt(0);

        Assert.Equal("{x} is 1.5", CommandTemplate.Fill(spec.Settings[0].Items[1], point));
    }
}

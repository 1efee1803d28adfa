using Sweeps.Core.Tests.Support;

namespace Sweeps.Core.Tests.Spec;

/// <summary>Every bad input, and the one error a person sees for it: file, line, field, what is wrong, what would be right.</summary>
public class SpecErrorTests
{
    // Lines are separated by '|'. Each case has exactly one mistake.
    [Theory]
    [InlineData("name: s|job: fake.model|seeds: 4|parameters:|  dimension: 3", 3, "seeds", "unknown key 'seeds'",
        "did you mean 'seed'? known keys: name, job, sampler, trials, seed, replicates, parameters, objective")]
    [InlineData("name: s|job: noop|requires: gpu", 3, "requires", "must be a mapping of label names to values, got 'gpu'", "e.g. requires: {gpu: a100}")]
    [InlineData("name: s|job: noop|requires: [gpu]", 3, "requires", "must be a mapping of label names to values", "--label gpu=a100")]
    [InlineData("name: s|job: noop|requires: {gpu: [a100, v100]}", 3, "requires.gpu", "must be a plain value", "e.g. requires: {gpu: a100}")]
    [InlineData("name: s|job: noop|requires: {gpu: }", 3, "requires.gpu", "must be a plain value, got", "e.g. requires: {gpu: a100}")]
    [InlineData("name: s|job: noop|requires: {\"gpu model\": a100}", 3, "requires", "is not a label name", "a label name is a letter or _")]
    [InlineData("name: s|job: noop|requires:|  gpu: \"a\\nb\"", 4, "requires.gpu", "is not a label value", "printable characters")]
    [InlineData("name: s|job: fake.modl|parameters:|  dimension: 3", 2, "job", "unknown job kind 'fake.modl'",
        "did you mean 'fake.model'? known kinds: fake.model, fake.wide, noop")]
    [InlineData("name: s|job: geometry.shell-fraction", 2, "job", "unknown job kind 'geometry.shell-fraction'",
        "known kinds: fake.model, fake.wide, noop")]
    [InlineData("name: s|job: noop|sampler: sobel|trials: 4", 3, "sampler", "unknown sampler 'sobel'",
        "did you mean 'sobol'? samplers: grid, random, sobol, tpe")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 3|  learning_rate: {min: 10, max: 1}", 7,
        "parameters.learning_rate.max", "max 1 is less than min 10", "swap them: {min: 1, max: 10}")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 3|  learning_rate: {min: 0, max: 1, scale: log}", 7,
        "parameters.learning_rate.min", "a log scale needs min above 0, got 0", "use a small positive min such as 1.0e-6, or scale: linear")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 3|  learning_rate:|    min: 0.1|    max: 1", 6,
        "parameters.learning_rate", "a grid needs steps for a range", "add steps: N (N points from min to max, ends included)")]
    [InlineData("name: s|job: fake.model|sampler: random|parameters:|  dimension: 3", 1,
        "trials", "is missing: sampler random needs to know how many points to draw", "add trials: N")]
    [InlineData("name: s|job: fake.model|sampler: sobol|parameters:|  dimension: 3", 1,
        "trials", "is missing: sampler sobol needs", "add trials: N")]
    [InlineData("name: s|job: fake.model|trials: 10|parameters:|  dimension: 3", 3,
        "trials", "is given for a grid", "remove trials, or use sampler: random or sobol")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 0|parameters:|  dimension: 3", 4,
        "trials", "must be a whole number of at least 1, got '0'", "e.g. trials: 100")]
    [InlineData("name: s|job: fake.model|replicates: 0|parameters:|  dimension: 3", 3,
        "replicates", "must be a whole number from 1 to 2147483647, got '0'", "replicates: 1 runs each point once")]
    [InlineData("name: s|job: fake.model|seed: -1|parameters:|  dimension: 3", 3,
        "seed", "must be a whole number from 0 to 18446744073709551615, got '-1'", "e.g. seed: 42")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 3|  hiden: 30", 5,
        "parameters.hiden", "job 'fake.model' takes no parameter 'hiden'",
        "did you mean 'hidden'? fake.model takes: dimension, epsilon, hidden, learning_rate, optimizer, activation")]
    [InlineData("name: s|job: fake.model|parameters:|  epsilon: 0.1", 3,
        "parameters.dimension", "job 'fake.model' requires 'dimension', which is not given", "add dimension: <a whole number> (how many dimensions)")]
    [InlineData("name: s|job: fake.model", 1,
        "parameters.dimension", "job 'fake.model' requires 'dimension', which is not given", "add dimension: <a whole number>")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: big", 4,
        "parameters.dimension", "'dimension' takes a whole number, got text 'big'", "write a whole number, e.g. 3")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 2.5", 4,
        "parameters.dimension", "'dimension' takes a whole number, got the real number 2.5", "write a whole number, e.g. 3")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 2|  epsilon: tiny", 5,
        "parameters.epsilon", "'epsilon' takes a number, got text 'tiny'", "write a number, e.g. 0.5")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 2|  optimizer: 3", 5,
        "parameters.optimizer", "'optimizer' takes text, got the whole number 3", "quote it to make it text: \"3\"")]
    [InlineData("name: s|job: noop|parameters:|  fail: maybe", 4,
        "parameters.fail", "'fail' takes true or false, got text 'maybe'", "write true or false")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 2|  hidden: {min: 20, max: 200}", 7,
        "parameters.hidden", "'hidden' takes a whole number, but this range draws real numbers", "add type: int to the range")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 2|  optimizer: {min: 1, max: 2}", 7,
        "parameters.optimizer", "'optimizer' takes text, but a range gives numbers", "give a value, or a list of values")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: []", 4,
        "parameters.dimension", "is an empty list", "give at least one value")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension:|    - 2|    - x|    - 4", 6,
        "parameters.dimension[1]", "'dimension' takes a whole number, got text 'x'", "write a whole number")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: [2, 3, 2]", 4,
        "parameters.dimension[2]", "repeats 2 (already item 0)", "list each value once")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension:", 4,
        "parameters.dimension", "has no value", "give a value (0.1), a list ([1, 2, 3]) or a range")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 3|objective: {metric: los, goal: minimize}", 5,
        "objective.metric", "job 'fake.model' does not report a metric 'los'", "did you mean 'loss'? metrics of fake.model: fraction, loss")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 3|objective: {metric: loss, goal: maximise}", 5,
        "objective.goal", "must be maximize or minimize, got 'maximise'", "did you mean 'maximize'?")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 3|objective: {metric: loss}", 5,
        "objective.goal", "is missing", "goals: maximize, minimize")]
    [InlineData("name: my sweep|job: noop", 1, "name", "'my sweep' is not a valid sweep name", "use 1 to 100 letters, digits, '.', '_' and '-'")]
    [InlineData("name: ..|job: noop", 1, "name", "'..' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: -rf|job: noop", 1, "name", "'-rf' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: --help|job: noop", 1, "name", "'--help' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: .hidden|job: noop", 1, "name", "'.hidden' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: _x|job: noop", 1, "name", "'_x' is not a valid sweep name", "starting with a letter or digit")]
    [InlineData("name: s|job: fake|parameters:|  dimension: 3", 2, "job", "unknown job kind 'fake'", "known kinds:")]
    [InlineData("name: s|job: fake.mod|parameters:|  dimension: 3", 2, "job", "unknown job kind 'fake.mod'", "did you mean 'fake.model'?")]
    [InlineData("job: noop", 1, "name", "is missing", "add name:")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 2|  hidden: {min: 1, max: 9, type: int, steps: 3}", 7,
        "parameters.hidden.steps", "is only used by the grid sampler, not random", "remove steps")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 2|  hidden: {min: 1, max: 9, type: int, steps: 1}", 5,
        "parameters.hidden.steps", "must be a whole number from 2 to 1000000, got '1'", "steps: N gives N points")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 2|  hidden: {min: 0.5, max: 9, type: int}", 7,
        "parameters.hidden.min", "must be a whole number for type: int, got 0.5", "round it")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 2|  hidden: {min: 1, max: 9, type: integer}", 7,
        "parameters.hidden.type", "must be float or int, got 'integer'", "type is one of: float, int")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 2|  hidden: {min: 1, max: 9, type: int, step: 3}", 7,
        "parameters.hidden.step", "unknown key 'step' in a range", "did you mean 'steps'?")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 5|parameters:|  dimension: 2|  epsilon: {max: 9}", 7,
        "parameters.epsilon.min", "is missing", "a range needs both min and max")]
    [InlineData("sweeps:|  - name: a|    job: noop|  - name: a|    job: noop", 4,
        "name", "sweep 'a' is defined twice in this file (first at line 2)", "give each sweep its own name")]
    [InlineData("sweeps:|  - name: a|    job: noop|  - just-a-word", 4,
        "sweeps", "each item must be a sweep (a mapping with name:, job:, ...), got 'just-a-word'", "write - name: my-sweep")]
    [InlineData("sweeps:|  - name: a|    job: noop|seed: 3", 4,
        "seed", "is not allowed beside sweeps:", "put it inside each sweep of the list")]
    [InlineData("# nothing here", 1, "file", "holds no sweep", "write one sweep")]
    [InlineData("- a|- b", 1, "file", "must hold a sweep (a mapping with name:) or a list under sweeps:, got a list", "start the file with name: my-sweep")]
    [InlineData("name: s|job: fake.wide|sampler: sobol|trials: 8|parameters:" +
        "|  x0: [1, 2]|  x1: [1, 2]|  x2: [1, 2]|  x3: [1, 2]|  x4: [1, 2]|  x5: [1, 2]|  x6: [1, 2]|  x7: [1, 2]|  x8: [1, 2]|  x9: [1, 2]" +
        "|  x10: [1, 2]|  x11: [1, 2]|  x12: [1, 2]|  x13: [1, 2]|  x14: [1, 2]|  x15: [1, 2]|  x16: [1, 2]|  x17: [1, 2]|  x18: [1, 2]|  x19: [1, 2]" +
        "|  x20: [1, 2]|  x21: [1, 2]|  x22: [1, 2]|  x23: [1, 2]|  x24: [1, 2]|  x25: [1, 2]|  x26: [1, 2]|  x27: [1, 2]|  x28: [1, 2]|  x29: [1, 2]" +
        "|  x30: [1, 2]|  x31: [1, 2]|  x32: [1, 2]", 5,
        "parameters", "sobol supports at most 32 ranges and lists, this sweep has 33", "fix some parameters to constants, or use sampler: random")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]" +
        "|  epsilon: {min: 0, max: 1, steps: 1000000}|  learning_rate: {min: 0, max: 1, steps: 1000000}" +
        "|  hidden: {min: 1, max: 1000000, type: int, steps: 1000000}", 3,
        "parameters", "the grid has more than 9223372036854775807 points", "use fewer or shorter axes, or sampler: random or sobol")]
    [InlineData("name: s|job: noop|parameters:|  sleep_ms: -5", 4,
        "parameters.sleep_ms", "'sleep_ms' must be from 0 to 2147483647, got -5", "a wait is at most 2147483647 ms")]
    [InlineData("name: s|job: noop|parameters:|  sleep_ms: 1e300", 4,
        "parameters.sleep_ms", "'sleep_ms' must be from 0 to 2147483647, got 1E+300", "a wait is at most")]
    [InlineData("name: s|job: noop|parameters:|  sleep_ms: [1, -5]", 4,
        "parameters.sleep_ms[1]", "'sleep_ms' must be from 0 to 2147483647, got -5", "a wait is at most")]
    [InlineData("name: s|job: noop|parameters:|  sleep_ms: {min: -10, max: 10, steps: 3}", 4,
        "parameters.sleep_ms.min", "'sleep_ms' must be from 0 to 2147483647, got -10", "a wait is at most")]
    [InlineData("name: s|job: noop|sampler: random|trials: 3|parameters:|  sleep_ms:|    min: 1|    max: 1e12", 8,
        "parameters.sleep_ms.max", "'sleep_ms' must be from 0 to 2147483647, got 1000000000000", "a wait is at most")]
    [InlineData("name: s|job: fake.model|sampler: sobol|trials: 4|parameters:|  dimension: {min: 1, max: 5000, type: int, scale: log}", 6,
        "parameters.dimension.max", "'dimension' must be from 1 to 1000, got 5000", "dimension: how many dimensions")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 0", 4,
        "parameters.dimension", "'dimension' must be from 1 to 1000, got 0", "dimension: how many dimensions")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 3|  activation: rleu", 5,
        "parameters.activation", "'activation' cannot be 'rleu'", "did you mean 'relu'? activation is one of: relu, tanh")]
    [InlineData("name: s|job: fake.model|sampler: random|trials: 4|parameters:|  dimension: 3|  activation: [relu, tahn]", 7,
        "parameters.activation[1]", "'activation' cannot be 'tahn'", "did you mean 'tanh'? activation is one of: relu, tanh")]
    [InlineData("name: s|job: fake.model|parameters:|  dimension: 3|  activation: Tanh", 5,
        "parameters.activation", "'activation' cannot be 'Tanh'", "did you mean 'tanh'?")]
    public void A_bad_spec_is_refused_with_the_error_a_person_can_act_on(string lines, int line, string field, string problem, string hint)
    {
        var error = Assert.Single(Some.Errors(lines.Replace('|', '\n')));

        Assert.Equal(Some.File, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Problem);
        Assert.Contains(hint, error.Hint);
    }

    [Fact]
    public void Every_mistake_is_reported_not_only_the_first_in_line_order()
    {
        var errors = Some.Errors(Some.Yaml(
            "name: s",
            "job: fake.model",
            "sampler: random",
            "trials: -3",
            "replicate: 2",
            "parameters:",
            "  dimension: two",
            "  learning_rate: {min: 1, max: 0.1}"));

        Assert.Equal(
            ["sweeps.yaml:4: trials", "sweeps.yaml:5: replicate", "sweeps.yaml:7: parameters.dimension", "sweeps.yaml:8: parameters.learning_rate.max"],
            errors.Select(e => $"{e.File}:{e.Line}: {e.Field}"));
    }

    [Fact]
    public void The_message_lists_each_error_as_file_line_field_problem_and_hint()
    {
        var thrown = Assert.Throws<Core.Spec.SpecException>(() =>
            Core.Spec.SpecLoader.Parse("name: s\njob: noop\nsampler: grd\n", "a.yaml", TestJobs.Registry()));

        Assert.Equal("a.yaml:3: sampler: unknown sampler 'grd' (did you mean 'grid'? samplers: grid, random, sobol, tpe)", thrown.Message);
    }
}

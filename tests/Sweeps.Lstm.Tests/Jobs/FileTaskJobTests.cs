using Sweeps.Core.Parameters;
using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Jobs;

/// <summary><c>lstm.train</c> with <c>task: file</c>: trains on the file, deterministically, and refuses bad data before training.</summary>
public sealed class FileTaskJobTests : IDisposable
{
    private readonly DataFile _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string, bool> Files() => new()
    {
        { "t.txt", string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog\n", 20)), true },
        { "r.jsonl", string.Join('\n', Enumerable.Range(0, 40).Select(i => $"{{\"inputs\": [{i % 7}, {i % 3}, 1], \"targets\": [{i % 7 * 0.1}, {i % 3 * 0.1}, 0.5]}}")), false },
        { "c.csv", "sequence,x,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"s{i},{i % 5},{i % 2}\ns{i},{i % 3},{(i + 1) % 2}\n")), true },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void The_same_file_spec_and_seed_give_the_same_metrics(string name, string content, bool hasAccuracy)
    {
        var parameters = Trial.Parameters(("task", "file"), ("data", _files.Write(name, content)), ("optimizer", "adam"), ("batch", 4L));
        var first = Trial.Run(parameters, seed: 11);
        var again = Trial.Run(parameters, seed: 11);
        var other = Trial.Run(parameters, seed: 12);

        Assert.Equal(hasAccuracy, first.Metrics.ContainsKey("test_accuracy"));
        Assert.False(first.Metrics.ContainsKey("optimal_loss"));
        foreach (var metric in first.Metrics.Keys.Where(m => m != "sequences_per_second"))
            Assert.Equal(first.Metrics[metric], again.Metrics[metric]);
        Assert.Equal(first.Series!["valid_loss"], again.Series!["valid_loss"]);
        Assert.NotEqual(first.Metrics["test_loss"], other.Metrics["test_loss"]);
        Assert.All(first.Metrics.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Training_learns_a_text_it_can_predict()
    {
        var path = _files.Write("abc.txt", string.Concat(Enumerable.Repeat("abcd", 300)));
        var result = Trial.Run(Trial.Parameters(("task", "file"), ("data", path), ("optimizer", "adam"), ("learning_rate", 0.05),
            ("batch", 8L), ("max_epochs", 20L), ("patience", 20L), ("hidden", 8L)));
        Assert.True(result.Metrics["test_accuracy"] > 0.95, $"accuracy {result.Metrics["test_accuracy"]}");
    }

    [Theory]
    [InlineData("task", "file", "data", "", "data", "is required by task: file")]
    [InlineData("task", "adding", "data", "x.csv", "data", "is read only by task: file, but task is adding")]
    [InlineData("task", "file", "data", "x.parquet", "data", "must name a file ending in .txt, .jsonl, .ndjson, .csv")]
    [InlineData("valid_share", 0.0, "data", "x.csv", "valid_share", "must be above 0 and below 0.9, got 0")]
    [InlineData("test_share", 0.6, "valid_share", 0.4, "test_share", "plus valid_share must leave training sequences")]
    [InlineData("split_seed", -1L, "task", "file", "split_seed", "must be from 0 to 2147483647, got -1")]
    public void A_bad_file_parameter_names_itself(string name, object value, string other, object otherValue, string parameter, string problem)
    {
        var parameters = Trial.Parameters(("task", "file"), ("data", "x.csv"), (name, value), (other, otherValue));
        var error = Assert.Throws<JobParameterException>(() => Trial.Run(parameters));
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_malformed_file_fails_the_trial_before_training_with_its_line()
    {
        var path = _files.Write("bad.csv", "sequence,x,target\na,1,1\na,2\n");
        var error = Assert.Throws<JobParameterException>(() => Trial.Run(Trial.Parameters(("task", "file"), ("data", path))));
        Assert.Equal("data", error.Parameter);
        Assert.Contains($"cannot be used: {path}:3: has 2 values, but the header (line 1) names 3 columns", error.Message);
    }
}

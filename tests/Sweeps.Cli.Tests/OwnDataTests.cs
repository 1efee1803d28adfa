using System.Text.Json;
using Sweeps.Cli.Tests.Support;
using Sweeps.TestSupport;

namespace Sweeps.Cli.Tests;

/// <summary>
/// <c>lstm.train</c> on the user's data through the real <c>sweeps run</c>: the shipped example sweeps run and give the
/// same metrics for the same spec and seed; a malformed or missing data file is refused before anything runs.
/// </summary>
public sealed class OwnDataTests
{
    private readonly string _folder = TestStores.NewFolder();

    [Fact]
    public void The_example_sweeps_over_the_shipped_data_run_and_repeat_exactly()
    {
        var spec = RepositoryFolder.File("config/sweeps/lstm-own-data.yaml");
        var first = Path.Combine(_folder, "first.db");
        var second = Path.Combine(_folder, "second.db");

        foreach (var database in new[] { first, second })
        {
            var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec, "--db", database, "--workers", "2");
            Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        }

        const string sql = "SELECT sweep, trial_index, status, metrics, parameters FROM trials ORDER BY sweep, trial_index";
        var a = Files.Query(first, sql);
        var b = Files.Query(second, sql);
        Assert.Equal(12, a.Count);
        Assert.All(a, row => Assert.Equal("completed", row[2]));
        Assert.Contains(a, row => (string)row[0]! == "lstm-sensor" && Metric(row, "test_accuracy") > 0.5);
        Assert.All(a, row => Assert.Contains(RepositoryFolder.File("config/data"), (string)row[4]!)); // the absolute path travelled
        for (var i = 0; i < a.Count; i++)
            foreach (var metric in new[] { "train_loss", "valid_loss", "test_loss", "epochs", "updates" })
                Assert.Equal(Metric(a[i], metric), Metric(b[i], metric));
    }

    [Fact]
    public void A_relative_data_path_is_read_from_the_spec_files_folder_not_the_current_one()
    {
        var specs = Directory.CreateDirectory(Path.Combine(_folder, "specs")).FullName;
        Files.Write(specs, "series.jsonl", string.Join('\n', Enumerable.Range(0, 12).Select(i => $"{{\"inputs\": [{i}, 1], \"targets\": [1, {i % 2}]}}")));
        Files.Write(specs, "own.yaml", Spec("series.jsonl"));

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", "specs/own.yaml", "--workers", "1");

        Assert.True(code == 0, $"exit {code}\n{output}\n{errors}");
        var parameters = (string)Files.Query(Path.Combine(_folder, "sweeps.db"), "SELECT parameters FROM trials").Single()[0]!;
        Assert.Contains(JsonSerializer.Serialize(Path.Combine(specs, "series.jsonl")), parameters);
    }

    [Theory]
    [InlineData("bad.csv", "sequence,x,target\na,1,1\na,2\n", "bad.csv:3: has 2 values, but the header (line 1) names 3 columns")]
    [InlineData("bad.jsonl", "{\"inputs\": [1, 2], \"targets\": [1]}\n", "bad.jsonl:1: has 1 targets for 2 steps: give one target per step")]
    [InlineData("bad.txt", "aaaa", "bad.txt: has 1 distinct characters; there is nothing to predict")]
    public void A_malformed_data_file_is_refused_before_running_with_its_line(string name, string content, string problem)
    {
        Files.Write(_folder, name, content);
        var spec = Files.Write(_folder, "own.yaml", Spec(name));

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec);

        Assert.True(code == 2, $"exit {code}\n{output}\n{errors}");
        Assert.Contains($"{spec}:7: parameters.data: {Path.Combine(_folder, problem)}", errors);
        Assert.False(File.Exists(Path.Combine(_folder, "sweeps.db")), "a bad data file must not even create the store");
    }

    [Fact]
    public void A_missing_data_file_is_refused_by_run()
    {
        var spec = Files.Write(_folder, "own.yaml", Spec("nowhere/data.csv"));

        var (code, output, errors) = SweepsProcess.Run(_folder, "run", spec);

        Assert.True(code == 2, $"exit {code}\n{output}\n{errors}");
        Assert.Contains($"{spec}:7: parameters.data: '{Path.Combine(_folder, "nowhere", "data.csv")}' does not exist", errors);
    }

    private static string Spec(string data) => $"""
        name: own-data
        job: lstm.train
        parameters:
          task: file
          hidden: 4
          max_epochs: 2
          data: {data}
        """;

    private static double Metric(object?[] row, string name) =>
        JsonDocument.Parse((string)row[3]!).RootElement.GetProperty(name).GetDouble();
}

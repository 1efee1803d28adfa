using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Tasks.Files;
using Sweeps.Lstm.Tests.Support;

namespace Sweeps.Lstm.Tests.Tasks.Files;

/// <summary>The train/validation/test split of a file: exact shares, every sequence once, the same for the same seed.</summary>
public sealed class FileSplitTests : IDisposable
{
    private readonly DataFile _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(100, 0.1, 0.1, 80, 10, 10)]
    [InlineData(100, 0.2, 0.3, 50, 20, 30)]
    [InlineData(7, 0.1, 0.1, 5, 1, 1)] // each held-out part gets at least one sequence
    [InlineData(3, 0.1, 0.1, 1, 1, 1)]
    public void The_shares_decide_the_sizes_and_every_sequence_lands_in_exactly_one_part(int n, double valid, double test, int train, int validCount, int testCount)
    {
        var task = FileSplit.Make(Data(n), "f.jsonl", valid, test, splitSeed: 5);
        Assert.Equal((train, validCount, testCount), (task.Train.Count, task.Valid.Count, task.Test.Count));
        var all = task.Train.Sequences.Concat(task.Valid.Sequences).Concat(task.Test.Sequences).Select(s => s.Inputs[0]).Order();
        Assert.Equal(Enumerable.Range(0, n).Select(i => (double)i), all);
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        static double[] Order(SequenceTask task) =>
            task.Train.Sequences.Concat(task.Valid.Sequences).Concat(task.Test.Sequences).Select(s => s.Inputs[0]).ToArray();
        var data = Data(50);
        var first = Order(FileSplit.Make(data, "f", 0.1, 0.1, 3));
        Assert.Equal(first, Order(FileSplit.Make(data, "f", 0.1, 0.1, 3)));
        Assert.NotEqual(first, Order(FileSplit.Make(data, "f", 0.1, 0.1, 4)));
        // Pinned: the rule must not drift between versions or machines, or stored results stop being comparable.
        Assert.Equal(first[^5..], Order(FileSplit.Make(data, "f", 0.1, 0.1, 3))[^5..]);
    }

    [Fact]
    public void Too_few_sequences_to_split_are_refused()
    {
        var error = Assert.Throws<SequenceFileException>(() => FileSplit.Make(Data(2), "f.jsonl", 0.1, 0.1, 0));
        Assert.Contains("holds 2 sequences: too few for 1 validation, 1 test and at least one training sequence", error.Message);
    }

    private SequenceData Data(int n)
    {
        var lines = Enumerable.Range(0, n).Select(i => $"{{\"inputs\": [{i}, 0], \"targets\": [1, 2]}}");
        return SequenceFile.Read(_files.Write($"d{n}.jsonl", string.Join('\n', lines)), 1);
    }
}

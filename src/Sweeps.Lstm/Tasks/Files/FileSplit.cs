using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tasks.Files;

/// <summary>
/// Splits a file's sequences into training, validation and test: the sequence order is shuffled by a generator seeded
/// with <c>split_seed</c> (not the trial's seed, so every trial of a sweep sees the same split); the first
/// round(n x test_share) go to test, the next round(n x valid_share) to validation (each at least one), the rest to
/// training. The same file and seed give the same split on every machine.
/// </summary>
public static class FileSplit
{
    public const string Name = "file";

    public static SequenceTask Make(SequenceData data, string file, double validShare, double testShare, ulong splitSeed)
    {
        var n = data.Sequences.Count;
        var test = Math.Max(1, (int)Math.Round(n * testShare, MidpointRounding.AwayFromZero));
        var valid = Math.Max(1, (int)Math.Round(n * validShare, MidpointRounding.AwayFromZero));
        if (n - test - valid < 1)
            throw new SequenceFileException(file, 0, $"holds {n} sequences: too few for {valid} validation, {test} test and at least one training sequence");
        var order = Enumerable.Range(0, n).ToArray();
        Rng.For(splitSeed, 400).Shuffle(order);
        TaskSplit Part(int from, int count)
        {
            var sequences = new Sequence[count];
            for (var i = 0; i < count; i++) sequences[i] = data.Sequences[order[from + i]];
            return new TaskSplit(sequences, data.Steps, Enumerable.Repeat(true, data.Steps).ToArray());
        }
        return new SequenceTask(Name, data.InputSize, data.OutputSize, data.Output,
            Part(test + valid, n - test - valid), Part(test, valid), Part(0, test))
        {
            Accuracy = data.IsClassification ? AccuracyRule.MostProbable : AccuracyRule.None,
        };
    }
}

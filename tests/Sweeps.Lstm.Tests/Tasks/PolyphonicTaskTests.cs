using Sweeps.Lstm.Tasks;

namespace Sweeps.Lstm.Tests.Tasks;

public class PolyphonicTaskTests
{
    [Fact]
    public void The_chain_is_a_proper_Markov_chain_over_distinct_chords()
    {
        Assert.All(PolyphonicTask.Transitions, row => Assert.Equal(1.0, row.Sum(), 12));
        Assert.Equal(1.0, PolyphonicTask.Stationary().Sum(), 12);
        var sets = PolyphonicTask.Chords.Select(c => string.Join(",", c.Order())).ToArray();
        Assert.Equal(sets.Length, sets.Distinct().Count());
    }

    [Fact]
    public void Frames_are_chords_and_targets_are_the_next_frame()
    {
        var task = PolyphonicTask.Generate(new TaskSizes(20, 2, 2, 15), seed: 6);
        const int n = PolyphonicTask.Notes;
        var chords = PolyphonicTask.Chords.Select(c => string.Join(",", c.Order())).ToHashSet();
        foreach (var s in task.Train.Sequences)
            for (var t = 0; t < 15; t++)
            {
                var frame = Enumerable.Range(0, n).Where(k => s.Inputs[t * n + k] == 1);
                Assert.Contains(string.Join(",", frame), chords);
                if (t < 14) Assert.Equal(s.Inputs.AsSpan((t + 1) * n, n).ToArray(), s.Targets.AsSpan(t * n, n).ToArray());
            }
    }

    [Fact]
    public void The_optimal_loss_of_a_large_sample_matches_the_chains_entropy()
    {
        var task = PolyphonicTask.Generate(new TaskSizes(1, 1, 400, 100), seed: 7);
        var expected = PolyphonicTask.ExpectedOptimalLoss();
        Assert.InRange(expected, 1.0, 5.0);
        Assert.Equal(expected, task.Test.OptimalLoss!.Value, expected * 0.03);
    }
}

using Sweeps.Lstm.Tasks;

namespace Sweeps.Lstm.Tests.Tasks;

public class ReberTaskTests
{
    // The Reber automaton written out independently of the generator: state -> (symbol -> next state).
    private static readonly Dictionary<int, Dictionary<char, int>> Reber = new()
    {
        [0] = new() { ['B'] = 1 },
        [1] = new() { ['T'] = 2, ['P'] = 3 },
        [2] = new() { ['S'] = 2, ['X'] = 4 },
        [3] = new() { ['T'] = 3, ['V'] = 5 },
        [4] = new() { ['X'] = 3, ['S'] = 6 },
        [5] = new() { ['P'] = 4, ['V'] = 6 },
        [6] = new() { ['E'] = 7 },
    };

    [Fact]
    public void The_stream_is_a_sequence_of_embedded_Reber_strings_with_no_resets()
    {
        var task = ReberTask.Generate(new TaskSizes(100, 5, 5, 30), seed: 8);
        Assert.True(task.Continual);
        var stream = Decode(task.Train);
        // The stream starts with a string; cut it after the last complete one (an outer E is followed by B).
        var joined = stream[..(stream.LastIndexOf("EB", StringComparison.Ordinal) + 1)];
        Assert.True(joined.Length > 2000);
        var position = 0;
        while (position < joined.Length)
        {
            var length = AcceptEmbedded(joined, position);
            Assert.True(length > 0, $"not an embedded Reber string at {position}: {joined.Substring(position, Math.Min(30, joined.Length - position))}");
            position += length;
        }
    }

    [Fact]
    public void Targets_are_the_next_symbol_across_sequence_boundaries_and_the_optimal_loss_counts_the_choices()
    {
        var task = ReberTask.Generate(new TaskSizes(50, 5, 5, 20), seed: 9);
        var split = task.Train;
        var inputs = Decode(split);
        var targets = string.Concat(split.Sequences.Select(s => Symbols(s.Targets, 20)));
        Assert.Equal(inputs[1..], targets[..^1]);

        // Optimal loss: mean log(number of legal next symbols), each branch being a fair coin.
        var expected = split.Sequences.SelectMany(s => Enumerable.Range(0, 20).Select(t =>
            Math.Log(Enumerable.Range(0, 7).Count(k => s.Legal![t * 7 + k] == 1)))).Average();
        Assert.Equal(expected, split.OptimalLoss!.Value, 12);
        Assert.InRange(expected, 0.3, 0.6);
        Assert.All(split.Sequences, s => Assert.All(Enumerable.Range(0, 20), t =>
            Assert.Equal(1.0, s.Legal![t * 7 + Array.IndexOf(s.Targets, 1.0, t * 7, 7) - t * 7])));
    }

    private static string Decode(TaskSplit split) => string.Concat(split.Sequences.Select(s => Symbols(s.Inputs, split.Steps)));

    private static string Symbols(double[] oneHot, int steps) =>
        new(Enumerable.Range(0, steps).Select(t => ReberGrammar.Symbols[Array.IndexOf(oneHot, 1.0, t * 7, 7) - t * 7]).ToArray());

    /// <summary>Length of the embedded Reber string starting at <paramref name="at"/>, or 0 if there is none.</summary>
    private static int AcceptEmbedded(string text, int at)
    {
        if (text.Length - at < 9 || text[at] != 'B' || text[at + 1] is not ('T' or 'P')) return 0;
        var outer = text[at + 1];
        int state = 0, position = at + 2;
        while (state != 7)
        {
            if (position >= text.Length || !Reber[state].TryGetValue(text[position], out state)) return 0;
            position++;
        }
        if (position + 1 >= text.Length || text[position] != outer || text[position + 1] != 'E') return 0;
        return position + 2 - at;
    }
}

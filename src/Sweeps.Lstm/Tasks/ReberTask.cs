using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tasks;

/// <summary>
/// The continual embedded Reber grammar (Gers, Schmidhuber and Cummins 2000): one endless stream of embedded
/// Reber strings, cut into consecutive pieces whose state is never reset. Inputs and targets are one-hot over
/// the 7 symbols; the target at each step is the next symbol. A step counts as right when the symbols the
/// grammar allows next are exactly the most probable ones.
/// </summary>
public static class ReberTask
{
    public const string Name = "reber";

    public static SequenceTask Generate(TaskSizes sizes, ulong seed) =>
        new(Name, 7, 7, OutputKind.Softmax,
            Split(sizes.Train, sizes.SequenceLength, Rng.For(seed, 1)),
            Split(sizes.Valid, sizes.SequenceLength, Rng.For(seed, 2)),
            Split(sizes.Test, sizes.SequenceLength, Rng.For(seed, 3)))
        {
            Continual = true,
            Accuracy = AccuracyRule.LegalSymbols,
        };

    private static TaskSplit Split(int count, int steps, Rng rng)
    {
        var symbols = new List<char>();
        var legal = new List<string>();
        while (symbols.Count < count * steps + 1) ReberGrammar.AppendEmbedded(rng, symbols, legal);

        const int k = 7;
        var sequences = new Sequence[count];
        var optimal = 0.0;
        for (var n = 0; n < count; n++)
        {
            var inputs = new double[steps * k];
            var targets = new double[steps * k];
            var allowed = new double[steps * k];
            for (var t = 0; t < steps; t++)
            {
                var at = n * steps + t;
                inputs[t * k + ReberGrammar.IndexOf(symbols[at])] = 1;
                targets[t * k + ReberGrammar.IndexOf(symbols[at + 1])] = 1;
                foreach (var s in legal[at + 1]) allowed[t * k + ReberGrammar.IndexOf(s)] = 1;
                optimal += Math.Log(legal[at + 1].Length);
            }
            sequences[n] = new Sequence(inputs, targets, allowed);
        }
        var lossSteps = Enumerable.Repeat(true, steps).ToArray();
        return new TaskSplit(sequences, steps, lossSteps) { OptimalLoss = count == 0 ? null : optimal / (count * steps) };
    }
}

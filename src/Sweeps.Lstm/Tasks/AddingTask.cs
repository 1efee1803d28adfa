using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tasks;

/// <summary>
/// The adding problem (Hochreiter and Schmidhuber 1997). Each step has two inputs: a value uniform in [-1, 1]
/// and a marker. Exactly two steps are marked, one in each half of the sequence; at the last step the target is
/// 0.5 + (X1 + X2) / 4 for the two marked values. Success: absolute error below 0.04.
/// Always predicting 0.5 gives a mean squared error of 1/24 (about 0.0417).
/// </summary>
public static class AddingTask
{
    public const string Name = "adding";
    public const double Tolerance = 0.04;
    public const double TrivialLoss = 1.0 / 24;

    public static SequenceTask Generate(TaskSizes sizes, ulong seed)
    {
        if (sizes.SequenceLength < 2) throw new ArgumentOutOfRangeException(nameof(sizes), "the adding problem needs sequences of 2 steps or more");
        return new SequenceTask(Name, 2, 1, OutputKind.Linear,
            Split(sizes.Train, sizes.SequenceLength, Rng.For(seed, 1)),
            Split(sizes.Valid, sizes.SequenceLength, Rng.For(seed, 2)),
            Split(sizes.Test, sizes.SequenceLength, Rng.For(seed, 3)))
        {
            Accuracy = AccuracyRule.WithinTolerance,
            Tolerance = Tolerance,
        };
    }

    private static TaskSplit Split(int count, int steps, Rng rng)
    {
        var lossSteps = new bool[steps];
        lossSteps[^1] = true;
        var sequences = new Sequence[count];
        for (var n = 0; n < count; n++) sequences[n] = One(steps, rng);
        return new TaskSplit(sequences, steps, lossSteps) { OptimalLoss = 0 };
    }

    private static Sequence One(int steps, Rng rng)
    {
        var inputs = new double[steps * 2];
        for (var t = 0; t < steps; t++) inputs[2 * t] = rng.Uniform(-1, 1);
        var half = steps / 2;
        var first = rng.NextInt(half);
        var second = half + rng.NextInt(steps - half);
        inputs[2 * first + 1] = 1;
        inputs[2 * second + 1] = 1;
        var targets = new double[steps];
        targets[^1] = 0.5 + (inputs[2 * first] + inputs[2 * second]) / 4;
        return new Sequence(inputs, targets);
    }
}

using Sweeps.Lstm.Model;
using Sweeps.Lstm.Numerics;

namespace Sweeps.Lstm.Tasks;

/// <summary>
/// A stand-in for JSB Chorales: piano rolls over 12 pitch classes from a known first-order Markov chain over
/// seven chords of C major. The task is to predict the next frame, note by note (independent sigmoids).
/// Since the current frame tells the chord, the best any such predictor can do is to give each note its
/// probability under the chain's next chord: that loss is reported as the optimal loss.
/// </summary>
public static class PolyphonicTask
{
    public const string Name = "polyphonic";
    public const int Notes = 12;

    public static IReadOnlyList<int[]> Chords { get; } =
    [
        [0, 4, 7],      // I   C
        [2, 5, 9],      // ii  Dm
        [4, 7, 11],     // iii Em
        [5, 9, 0],      // IV  F
        [7, 11, 2],     // V   G
        [9, 0, 4],      // vi  Am
        [7, 11, 2, 5],  // V7  G7
    ];

    /// <summary>P(next chord | chord), rows in the order of <see cref="Chords"/>.</summary>
    public static double[][] Transitions { get; } =
    [
        [0.20, 0.15, 0.05, 0.25, 0.20, 0.15, 0.00],
        [0.10, 0.10, 0.00, 0.10, 0.40, 0.00, 0.30],
        [0.00, 0.00, 0.20, 0.30, 0.00, 0.50, 0.00],
        [0.30, 0.20, 0.00, 0.10, 0.30, 0.00, 0.10],
        [0.60, 0.00, 0.00, 0.10, 0.10, 0.20, 0.00],
        [0.00, 0.30, 0.00, 0.40, 0.20, 0.10, 0.00],
        [0.90, 0.00, 0.00, 0.00, 0.00, 0.10, 0.00],
    ];

    /// <summary>The chain's stationary distribution, by power iteration.</summary>
    public static double[] Stationary()
    {
        var n = Chords.Count;
        var p = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var next = new double[n];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    next[j] += p[i] * Transitions[i][j];
            p = next;
        }
        return p;
    }

    /// <summary>P(note sounds in the next frame | current chord).</summary>
    public static double NoteProbability(int chord, int note)
    {
        var p = 0.0;
        for (var next = 0; next < Chords.Count; next++)
            if (Chords[next].Contains(note)) p += Transitions[chord][next];
        return p;
    }

    /// <summary>The best expected loss per frame in the long run: the stationary mean of the notes' binary entropies.</summary>
    public static double ExpectedOptimalLoss()
    {
        var stationary = Stationary();
        var loss = 0.0;
        for (var chord = 0; chord < Chords.Count; chord++)
            for (var note = 0; note < Notes; note++)
                loss += stationary[chord] * BinaryEntropy(NoteProbability(chord, note));
        return loss;
    }

    public static SequenceTask Generate(TaskSizes sizes, ulong seed) =>
        new(Name, Notes, Notes, OutputKind.Sigmoid,
            Split(sizes.Train, sizes.SequenceLength, Rng.For(seed, 1)),
            Split(sizes.Valid, sizes.SequenceLength, Rng.For(seed, 2)),
            Split(sizes.Test, sizes.SequenceLength, Rng.For(seed, 3)));

    private static TaskSplit Split(int count, int steps, Rng rng)
    {
        var stationary = Stationary();
        var sequences = new Sequence[count];
        var optimal = 0.0;
        for (var n = 0; n < count; n++)
        {
            var chords = new int[steps + 1];
            chords[0] = rng.Choose(stationary);
            for (var t = 1; t <= steps; t++) chords[t] = rng.Choose(Transitions[chords[t - 1]]);
            var inputs = new double[steps * Notes];
            var targets = new double[steps * Notes];
            for (var t = 0; t < steps; t++)
            {
                foreach (var note in Chords[chords[t]]) inputs[t * Notes + note] = 1;
                foreach (var note in Chords[chords[t + 1]]) targets[t * Notes + note] = 1;
                for (var note = 0; note < Notes; note++)
                {
                    var p = NoteProbability(chords[t], note);
                    var on = targets[t * Notes + note] == 1;
                    optimal -= Math.Log(on ? p : 1 - p);
                }
            }
            sequences[n] = new Sequence(inputs, targets);
        }
        var lossSteps = Enumerable.Repeat(true, steps).ToArray();
        return new TaskSplit(sequences, steps, lossSteps) { OptimalLoss = count == 0 ? null : optimal / (count * steps) };
    }

    private static double BinaryEntropy(double p) =>
        p <= 0 || p >= 1 ? 0 : -(p * Math.Log(p) + (1 - p) * Math.Log(1 - p));
}

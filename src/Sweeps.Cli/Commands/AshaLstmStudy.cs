using Sweeps.Core.Jobs;
using Sweeps.Core.Spec;
using Sweeps.Lstm.Tasks;
using Sweeps.Lstm.Training;
using Sweeps.Search.Scheduling;

namespace Sweeps.Cli.Commands;

/// <summary>
/// Successive halving against random search on <c>lstm.train</c>'s Reber task, the same configurations for both (random
/// learning rate on a log scale, hidden size, momentum and input noise; Nesterov SGD, one sequence an update). Random
/// search trains each to the full budget; synchronous successive halving (<see cref="AshaLadder"/>, η = 3) trains all
/// to the bottom rung, and continues the best third of each rung to the next from its checkpoint; asynchronous (ASHA)
/// promotes as soon as a configuration is in the best third of its rung so far. All count epochs in the order they are
/// spent, until a validation loss reaches random search's best.
/// </summary>
internal static class AshaLstmStudy
{
    /// <param name="Ladder">Synchronous successive halving: every configuration to the bottom rung first.</param>
    /// <param name="Asynchronous">ASHA with one worker (Li et al. 2020, Algorithm 2): a promotion whenever one may be, else a new configuration.</param>
    public sealed record Result(int Configurations, IReadOnlyList<long> Rungs, double RandomBest, long RandomEpochs, long RandomEpochsToBest,
        Halving Ladder, Halving Asynchronous);

    /// <param name="EpochsToRandomBest">Epochs spent until a validation loss reached random search's best; null when none did.</param>
    public sealed record Halving(double Best, long Epochs, long? EpochsToRandomBest);

    public static Result Run(int configurations, int minEpochs, int maxEpochs, ulong seed, CancellationToken cancellation)
    {
        var task = ReberTask.Generate(new TaskSizes(Train: 400, Valid: 100, Test: 10, SequenceLength: 30), seed);
        var options = Configurations(configurations, maxEpochs, seed);

        // Random search: every configuration to the full budget, one after another.
        var randomCurves = options.Select((o, i) => Curve(task, o, seed + (ulong)i, null, cancellation)).ToList();
        var randomBest = randomCurves.SelectMany(c => c).Min();
        var randomToBest = EpochsUntil(randomCurves.Select(c => (IReadOnlyList<double>)c), randomBest);

        var rungs = new Rungs(minEpochs, maxEpochs, reductionFactor: 3);
        return new Result(configurations, rungs.Levels, randomBest, randomCurves.Sum(c => (long)c.Count), randomToBest,
            Halve(task, options, seed, new AshaLadder(rungs, ObjectiveGoal.Minimize, bracketSize: configurations), randomBest, cancellation),
            Halve(task, options, seed, new AshaLadder(rungs, ObjectiveGoal.Minimize), randomBest, cancellation));
    }

    /// <summary>
    /// Successive halving on one worker, the ladder deciding: a promotion whenever it gives one (the training continues
    /// from its checkpoint), else the next configuration to the bottom rung. A synchronous ladder promotes only from full
    /// rungs, so it trains every configuration to the bottom rung first.
    /// </summary>
    private static Halving Halve(SequenceTask task, List<TrainingOptions> options, ulong seed, AshaLadder ladder, double randomBest, CancellationToken cancellation)
    {
        var rungs = ladder.Rungs;
        var checkpoints = new MemoryCheckpointStore();
        var spent = new List<IReadOnlyList<double>>();
        var best = new double[options.Count];
        var next = 0;
        while (true)
        {
            int i, to;
            if (ladder.NextPromotion() is { } promotion)
            {
                (i, to) = ((int)promotion.Trial, promotion.To);
                ladder.Promoted(i, promotion.From);
            }
            else if (next < options.Count) (i, to, best[next]) = (next++, 0, double.PositiveInfinity);
            else break;
            var curve = Curve(task, options[i] with { MaxEpochs = (int)rungs.Levels[to] }, seed + (ulong)i, checkpoints.For("asha", i), cancellation);
            spent.Add(curve);
            best[i] = Math.Min(best[i], curve.DefaultIfEmpty(double.PositiveInfinity).Min());
            ladder.Record(i, to, best[i]);
        }
        return new Halving(best.Min(), spent.Sum(c => (long)c.Count), best.Min() <= randomBest ? EpochsUntil(spent, randomBest) : null);
    }

    /// <summary>The validation loss after each epoch this training ran (a continued one: only the epochs it added).</summary>
    private static List<double> Curve(SequenceTask task, TrainingOptions options, ulong seed, ITrialCheckpoints? checkpoints, CancellationToken cancellation)
    {
        var curve = new List<double>();
        new Trainer<float>(task, options, seed).Train(cancellation, epoch => curve.Add(epoch.ValidLoss),
            checkpoints is null ? null : new TrainingCheckpoints(checkpoints, "asha-study"));
        return curve;
    }

    private static long EpochsUntil(IEnumerable<IReadOnlyList<double>> curves, double target)
    {
        long epochs = 0;
        foreach (var curve in curves)
            foreach (var loss in curve)
            {
                epochs++;
                if (loss <= target) return epochs;
            }
        return epochs;
    }

    private static List<TrainingOptions> Configurations(int count, int maxEpochs, ulong seed)
    {
        var random = new Random(unchecked((int)seed));
        return Enumerable.Range(0, count).Select(_ => new TrainingOptions
        {
            LearningRate = Math.Pow(10, -4 + 3 * random.NextDouble()),
            Hidden = 8 + random.Next(41),
            Momentum = 0.99 * random.NextDouble(),
            InputNoise = 0.5 * random.NextDouble(),
            Optimizer = OptimizerKind.Nesterov,
            Batch = 1,
            MaxEpochs = maxEpochs,
            Patience = int.MaxValue,
        }).ToList();
    }
}
